/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Completing a checksum a guest left to its backend (net/net_csum.c,
 * pure). A netfront that sends a packet with NETTXF_csum_blank (Linux's
 * CHECKSUM_PARTIAL: the TCP or UDP checksum field holds at most the
 * pseudo-header sum) expects the backend to finish the checksum before
 * the packet reaches anyone who checks it. netback calls this on such a
 * frame before it goes to the bridge.
 *
 * The frame comes from another domain and is not trusted: every length
 * and offset is checked against len before it is used, and nothing
 * outside [frame, frame + len) is read or written. Only Ethernet II
 * frames (no VLAN tag) carrying IPv4 (no fragments: MF clear and offset
 * 0) with TCP or UDP are completed: the IPv4 header must be valid
 * (version 4, IHL >= 5, total length within the frame and covering the
 * header; the frame may have padding after it), the L4 header must fit
 * in the total length. The checksum is computed from scratch over the
 * pseudo-header and the whole L4 segment (the field as 0 first); a UDP
 * result of 0 is sent as 0xffff. The IPv4 header checksum is not touched
 * (the guest's stack computes it; Linux never offloads it).
 *
 * Returns 0 when the checksum was written; -EINVAL (nothing written,
 * *why set when why is not NULL) for a frame that is not such a packet
 * or is malformed: the backend drops it (Linux's netback drops a
 * csum_blank packet it cannot complete too).
 */
#ifndef _TERN_NET_CSUM_H
#define _TERN_NET_CSUM_H

#include <tern/types.h>

int net_csum_complete(u8 *frame, u32 len, const char **why);

#endif
