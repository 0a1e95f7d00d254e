/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network interfaces: what a NIC driver (Xen netfront today, a native NIC
 * later) implements and what the IPv4 stack (net/) drives.
 *
 * Frames are whole Ethernet frames (destination MAC first, no FCS),
 * 14 + mtu bytes at most. Transmit: the stack calls ops->xmit() in thread
 * context with a frame in its own buffer; the driver copies what it
 * needs before returning (the buffer is the stack's again afterwards)
 * and returns 0, or -EBUSY when its queue is full (the frame is dropped
 * and counted: the stack does not retry) or another negative errno.
 * Receive: the driver calls netif_rx() in thread context (deferred work,
 * never an interrupt handler) with one whole frame; the stack copies what
 * it keeps. Counters live in the device and are kept by both sides: the
 * driver counts what it sends and receives and what it drops for its own
 * reasons (its queue full: -EBUSY), the stack what it drops (bad checksum,
 * unknown protocol, waiting for ARP too long).
 *
 * No re-entry: a driver must not call netif_rx() from inside xmit() (the
 * stack sends replies from netif_rx() and has one transmit buffer); queue
 * and deliver from work instead. The stack keeps MTUs up to 9000.
 *
 * netdev_register() names the device (eth0, eth1, ... in registration
 * order unless the driver set a name) and applies the ip= configuration
 * for that name; netdev_unregister() takes it out of the stack (its ARP
 * entries and routes go).
 */
#ifndef _TERN_NETDEV_H
#define _TERN_NETDEV_H

#include <tern/types.h>

#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_DATA_LEN	1500

struct net_device;

struct net_device_ops {
	int (*xmit)(struct net_device *dev, const void *frame, u32 len);
	/* optional: one line of driver state for the monitor */
	void (*describe)(struct net_device *dev);
};

struct net_stats {
	u64 rx_packets, rx_bytes, rx_dropped, rx_errors;
	u64 tx_packets, tx_bytes, tx_dropped, tx_errors;
};

struct net_device {
	char name[16];
	u8 mac[ETH_ALEN];
	u32 mtu;			/* IP MTU: payload of a frame */
	bool carrier;			/* link up (driver connected) */
	const struct net_device_ops *ops;
	void *driver_data;
	struct net_stats stats;
	/* the stack's */
	void *stack;
	struct net_device *next;
};

int netdev_register(struct net_device *dev);
void netdev_unregister(struct net_device *dev);
void netif_rx(struct net_device *dev, const void *frame, u32 len);
struct net_device *netdev_get(unsigned int i);
struct net_device *netdev_find(const char *name);

#endif
