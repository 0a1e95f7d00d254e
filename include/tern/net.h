/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tern's small IPv4 stack (net/, Documentation/net.md).
 *
 * Two halves:
 *  - pure code (net/net_parse.c): the Internet checksum, the parsers of
 *    received Ethernet, ARP, IPv4, ICMP and UDP headers, and the parser
 *    of the ip= command-line option. No state, no allocation; every
 *    length is checked against the bytes actually present. Host-tested
 *    and fuzzed.
 *  - the stack (net/net_core.c): devices, the ARP cache, routing,
 *    ICMP echo, UDP sockets and the UDP echo service. It runs in thread
 *    context only (netif_rx() from the driver's deferred work, or a
 *    caller); its one timer only schedules work.
 *
 * Addresses (u32) and ports (u16) are in host byte order everywhere in
 * this API; the wire order lives only inside the parsers and builders.
 */
#ifndef _TERN_NET_H
#define _TERN_NET_H

#include <tern/netdev.h>

#ifndef ENETUNREACH
#define ENETUNREACH	101
#endif
#ifndef EHOSTUNREACH
#define EHOSTUNREACH	113
#endif
#ifndef EMSGSIZE
#define EMSGSIZE	90
#endif
#ifndef EADDRINUSE
#define EADDRINUSE	98
#endif

#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806
#define IP_HLEN		20
#define ICMP_HLEN	8
#define UDP_HLEN	8
#define ARP_LEN		28
#define IPPROTO_ICMP	1
#define IPPROTO_UDP	17
#define ICMP_ECHOREPLY	0
#define ICMP_ECHO	8
#define NET_IP_TTL	64
#define IP_BROADCAST	0xffffffffU

/* ---- pure helpers (net/net_parse.c) ------------------------------------ */

static inline u16 net_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 net_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void net_put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void net_put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* One's-complement sum of len bytes (big-endian 16-bit words) onto sum. */
u32 net_csum_add(u32 sum, const void *data, u32 len);
/* Fold a sum to 16 bits and complement it: the value a header carries. */
u16 net_csum_fold(u32 sum);
/* Checksum of a buffer (net_csum_fold(net_csum_add(0, ...))). */
u16 net_csum(const void *data, u32 len);
/* Sum of the UDP pseudo-header (src, dst, protocol, UDP length). */
u32 net_pseudo_sum(u32 src, u32 dst, u8 proto, u16 len);

/*
 * Why a received frame was dropped. Every frame netif_rx() sees ends in
 * exactly one of NET_RX_OK (consumed) or one reason; reasons up to
 * NET_RX_LAST_ERROR are malformed input (dev->stats.rx_errors), the rest
 * are well-formed frames the stack does not take (dev->stats.rx_dropped).
 */
enum net_rx_reason {
	NET_RX_OK,
	/* malformed: rx_errors */
	NET_RX_RUNT,		/* shorter than an Ethernet header */
	NET_RX_OVERSIZE,	/* longer than 14 + mtu */
	NET_RX_ARP_BAD,		/* truncated, wrong sizes/types/op, bad MAC */
	NET_RX_IP_BAD_HDR,	/* version, IHL, truncated header */
	NET_RX_IP_BAD_LEN,	/* total length < IHL or beyond the frame */
	NET_RX_IP_BAD_CSUM,
	NET_RX_IP_BAD_SRC,	/* broadcast/multicast/zero source */
	NET_RX_ICMP_BAD,	/* truncated or bad checksum */
	NET_RX_UDP_BAD_LEN,	/* length < 8 or beyond the IP payload */
	NET_RX_UDP_BAD_CSUM,
	NET_RX_LAST_ERROR = NET_RX_UDP_BAD_CSUM,
	/* well-formed, not for us: rx_dropped */
	NET_RX_NOT_OURS,	/* another MAC, or multicast */
	NET_RX_ETHERTYPE,	/* not IPv4 or ARP */
	NET_RX_ARP_IGNORED,	/* not for our address, or no address */
	NET_RX_IP_NOT_OURS,	/* another IP address, or no address */
	NET_RX_IP_FRAG,		/* a fragment: never reassembled */
	NET_RX_IP_PROTO,	/* neither ICMP nor UDP */
	NET_RX_ICMP_IGNORED,	/* not an echo request/reply we expect */
	NET_RX_UDP_NO_PORT,	/* no socket bound to the port */
	NET_RX_BCAST_IGNORED,	/* echo request to a broadcast address */
	NET_RX_NR
};

/* Counters the stack keeps per device, beyond dev->stats. */
struct net_counters {
	u64 rx_frames;			/* frames netif_rx() saw */
	u64 rx[NET_RX_NR];		/* NET_RX_OK and each drop reason */
	u64 arp_requests_sent, arp_replies_sent, arp_resolve_failed;
	u64 arp_queue_dropped;		/* waited for ARP: queue full or failed */
	u64 arp_evicted;
	u64 tx_no_route, tx_xmit_errors, tx_too_big;
	u64 icmp_echo_replied, udp_rx, udp_tx;
};

const char *net_rx_reason_name(enum net_rx_reason r);

struct eth_view {
	const u8 *dst, *src;
	u16 type;
	const u8 *payload;
	u32 len;			/* of payload */
};

struct arp_view {
	u16 op;				/* 1 request, 2 reply */
	const u8 *sha, *tha;
	u32 spa, tpa;
};

struct ip_view {
	u8 ihl;				/* header length in bytes */
	u8 ttl, proto;
	u16 id, total_len, frag;	/* frag: flags and offset field */
	u32 src, dst;
	const u8 *payload;
	u32 len;			/* of payload, from total_len */
};

struct icmp_view {
	u8 type, code;
	u16 id, seq;
	const u8 *data;
	u32 len;			/* of data after the 8-byte header */
};

struct udp_view {
	u16 sport, dport;
	const u8 *data;
	u32 len;			/* of data after the 8-byte header */
};

/* Each returns NET_RX_OK and fills the view, or the reason to drop. */
enum net_rx_reason eth_parse(const u8 *frame, u32 len, struct eth_view *v);
enum net_rx_reason arp_parse(const u8 *p, u32 len, struct arp_view *v);
enum net_rx_reason ip_parse(const u8 *p, u32 len, struct ip_view *v);
enum net_rx_reason icmp_parse(const u8 *p, u32 len, struct icmp_view *v);
enum net_rx_reason udp_parse(const struct ip_view *ip, struct udp_view *v);

/*
 * ip=<client>:<server>:<gw>:<netmask>:<hostname>:<dev>:<autoconf>
 * (Linux's nfsroot form). client is required; server and hostname are
 * accepted and ignored; gw may be empty (no default route); netmask
 * empty means the classful mask of the client; dev empty means the first
 * device registered; autoconf must be empty, "off" or "none". Fields
 * after the last given one may be omitted.
 */
struct net_ipcfg {
	char dev[16];			/* "" = the first device */
	u32 addr, netmask, gateway;
};

int net_parse_ipcfg(const char *s, struct net_ipcfg *cfg);
/* Dotted quad, exactly len chars (no NUL needed); 0 or -EINVAL. */
int net_parse_ipv4(const char *s, u32 len, u32 *addr);
/* "a.b.c.d" into buf (at least 16 bytes). */
void net_format_ipv4(char *buf, u32 addr);

/* ---- the stack (net/net_core.c) ----------------------------------------- */

/* Command-line handler for ip= (kernel/main.c); several may be given. */
int net_ip_option(const char *value, void *arg);
/* Forget every ip= configuration (host tests). */
void net_reset_config(void);

/* Set or clear (addr 0) a device's address. */
int net_configure(struct net_device *dev, u32 addr, u32 netmask, u32 gw);
bool net_dev_addr(struct net_device *dev, u32 *addr, u32 *netmask, u32 *gw);
const struct net_counters *net_dev_counters(struct net_device *dev);
/* Datagrams the UDP echo service (port 7) answered, on every device. */
u64 net_udp_echoed(void);

/* The device and next hop a packet to dst leaves by; NULL if none. */
struct net_device *net_route(u32 dst, u32 *next_hop);

/* ARP: the cache, read by the monitor and tests. */
#define ARP_ENTRIES		16
#define ARP_QUEUE_MAX		8	/* packets waiting for resolution, per device */
#define ARP_RETRIES		3	/* requests before giving up */
#define ARP_RETRY_MS		500
#define ARP_EXPIRE_MS		60000
#define NET_TICK_MS		100

enum arp_state { ARP_FREE, ARP_INCOMPLETE, ARP_RESOLVED };

struct arp_entry {
	enum arp_state state;
	u32 ip;
	u8 mac[ETH_ALEN];
	u8 tries;
	u64 deadline;			/* ktime_ns: next retry, or expiry */
	u64 used;			/* ktime_ns of the last use (LRU) */
};

/* Copy of entry i of dev's cache; false past the end. */
bool arp_entry_get(struct net_device *dev, unsigned int i,
		   struct arp_entry *e);
/* MAC for ip if resolved; else start resolution (false). */
bool arp_lookup(struct net_device *dev, u32 ip, u8 mac[ETH_ALEN]);
/* Resolve ip, waiting at most timeout_ms. 0, -ETIMEDOUT, -ENETUNREACH. */
int arp_resolve(u32 ip, u8 mac[ETH_ALEN], u64 timeout_ms);
/* Work of the stack's timer (ARP retries and expiry); tests call it too. */
void net_tick(void);

/* Send an IPv4 packet (payload after the IP header). */
int ip_send(u32 dst, u8 proto, const void *payload, u32 len);

/* ICMP echo: send one request; the reply is matched by id and seq. */
struct ping_result {
	bool done;
	bool bad;			/* contents or size not echoed exactly */
	u32 len;			/* ICMP data bytes in the reply */
	u64 rtt_ns;
};

/* Fill pattern for ping payloads: byte i of seq's payload. */
static inline u8 ping_pattern(u16 seq, u32 i)
{
	return (u8)(i * 7 + seq);
}

/*
 * Ping dst once with len data bytes (0..mtu-28) and wait up to
 * timeout_ms for the reply: 0 (r filled), -ETIMEDOUT, -EIO (reply
 * contents wrong), -ENETUNREACH, -EMSGSIZE. Thread context, not work.
 */
int net_ping(u32 dst, u16 seq, u32 len, u64 timeout_ms,
	     struct ping_result *r);
/* Non-blocking halves (host tests): send, then look at *r. */
int net_ping_send(u32 dst, u16 seq, u32 len, struct ping_result *r);
void net_ping_cancel(void);

/* ---- UDP sockets ---------------------------------------------------------- */

#define UDP_ECHO_PORT	7
#define UDP_EPHEMERAL	49152

struct udp_sock;
typedef void (*udp_rx_fn)(struct udp_sock *s, u32 src, u16 sport,
			  const void *data, u32 len);

struct udp_sock {
	u16 port;
	udp_rx_fn rx;			/* called in thread context */
	void *data;
	struct udp_sock *next;
};

/* Bind s to port (0: an ephemeral port). 0, -EADDRINUSE, -EINVAL. */
int udp_bind(struct udp_sock *s, u16 port, udp_rx_fn rx, void *data);
void udp_unbind(struct udp_sock *s);
/* Send len bytes (at most mtu - 28) from s's port to dst:dport. */
int udp_sendto(struct udp_sock *s, u32 dst, u16 dport, const void *data,
	       u32 len);

#endif
