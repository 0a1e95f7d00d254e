/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netfront's response consumers and node checks, pure
 * (drivers/xen/netif_rsp.c): take responses off the netif tx and rx
 * shared rings that a backend (another domain, perhaps hostile) produces,
 * and believe only what can be checked. No hypercalls, no globals:
 * host-tested (selftests/host/test_netif_rsp.c) and fuzzed
 * (selftests/fuzz/fuzz_netif_rsp.c).
 *
 * Both consumers read rsp_prod once per call; it may not run ahead of the
 * requests we posted (rsp_prod - cons <= posted - cons, mod 2^32): when
 * it does, nothing is consumed and they return -EPROTO (the caller treats
 * the device as broken). Every entry is copied field by field out of the
 * ring before it is looked at. Not done here: rsp_event and the final
 * check for responses that arrived meanwhile, the event channel; the
 * caller does them and serialises calls on one ring.
 */
#ifndef _TERN_XEN_NETIF_RSP_H
#define _TERN_XEN_NETIF_RSP_H

#include <tern/types.h>
#include <xen/io/netif.h>

#define NETIF_PAGE_SIZE		4096u
/* More ring entries than a one-page ring has; counts fit an int. */
#define NETIF_MAX_ENTS		(1u << 16)
/* Data slots of one packet, either way: netback's minimum. */
#define NETIF_MAX_SLOTS		XEN_NETIF_NR_SLOTS_MIN
/* Extra-info slots after an rx packet's first slot: one of each type. */
#define NETIF_MAX_EXTRAS	(XEN_NETIF_EXTRA_TYPE_MAX - 1)

/* ---- tx ---------------------------------------------------------------- */

struct netif_tx_done {
	u16 id;
	s16 status;	/* NETIF_RSP_OKAY, _ERROR, _DROPPED or _NULL */
};

/*
 * sring: the tx ring; nr_ents: its entry count (a power of two, at most
 * NETIF_MAX_ENTS); *cons: our rsp_cons; posted: our req_prod_pvt;
 * outstanding[nids]: non-zero for every request id (one per slot) in
 * flight. Takes up to max responses; each is consumed (*cons moves past
 * it) and is either
 *  - good: id < nids and outstanding, status OKAY, ERROR, DROPPED or
 *    NULL: outstanding[id] = 0, reported in out[];
 *  - of an unknown status for an outstanding id: the slot is freed all
 *    the same (the backend is done with it) and reported with status
 *    NETIF_RSP_ERROR; counted in *nr_bad;
 *  - for an id out of range or not outstanding (a duplicate): nothing
 *    changes; counted in *nr_bad.
 * *why names the first bad one. Returns the number reported in out[]
 * (>= 0), -EPROTO (rsp_prod beyond posted), or -EINVAL when the caller's
 * own state is impossible (nr_ents 0, not a power of two or too big,
 * posted - *cons > nr_ents); nothing is consumed on either error. *nr_bad
 * is set on every return; why may be NULL.
 */
int netif_tx_take_responses(struct netif_tx_sring *sring,
			    unsigned int nr_ents, u32 *cons, u32 posted,
			    u8 *outstanding, unsigned int nids,
			    struct netif_tx_done *out, unsigned int max,
			    unsigned int *nr_bad, const char **why);

/* ---- rx ---------------------------------------------------------------- */

struct netif_rx_frag {
	u16 id;		/* the buffer: id == ring index & (nr_ents - 1) */
	u16 offset;
	u16 len;
};

struct netif_rx_packet {
	u32 len;			/* bytes in frag[] */
	unsigned int nr_frags;		/* data slots kept in frag[] */
	unsigned int nr_slots;		/* ring slots consumed, extras too */
	u16 flags;			/* the first slot's NETRXF_* */
	const char *err;		/* NULL: deliver it; else why dropped */
	bool malformed;			/* err is the backend's fault */
	struct netif_rx_frag frag[NETIF_MAX_SLOTS];
};

/*
 * Take the next whole packet off the rx ring. Rx buffers are posted with
 * id = ring index & (nr_ents - 1), so the buffer behind every consumed
 * slot is known even for an extra-info slot (which carries no id): after
 * a return of 1 every slot between the old and the new *cons is the
 * caller's again, to read (frag[]) and repost.
 *
 * A packet is its first data slot, the extra-info slots it announces
 * (NETRXF_extra_info, chained by XEN_NETIF_EXTRA_FLAG_MORE, types 1 to
 * NETIF_MAX_EXTRAS), then more data slots while NETRXF_more_data is set.
 * Per data slot: id equal to the index it was posted at; no flag beyond
 * data_validated, csum_blank, more_data and (first slot only)
 * extra_info; status < 0 is the backend's error for the packet, else
 * offset + status within the page. Per packet: at most NETIF_MAX_SLOTS
 * data slots and NETIF_MAX_EXTRAS extras, ETH_HLEN to max_len bytes. A
 * packet failing any of these is still consumed whole (up to the slot
 * without more_data), with pkt->err set.
 *
 * Returns 1 (a packet consumed: good, or dropped with err), 0 (no whole
 * packet yet: nothing consumed; a chain that would need more slots than
 * were posted is instead consumed and dropped, since it can never end),
 * -EPROTO (rsp_prod beyond posted) or -EINVAL (as for tx); nothing is
 * consumed on errors. why (may be NULL) is set on negative returns.
 */
int netif_rx_take_packet(struct netif_rx_sring *sring, unsigned int nr_ents,
			 u32 *cons, u32 posted, u32 max_len,
			 struct netif_rx_packet *pkt, const char **why);

/* ---- xenstore nodes ---------------------------------------------------- */

/*
 * A MAC as the toolstack writes it: exactly "xx:xx:xx:xx:xx:xx" (hex
 * digits, either case), s need not be NUL-terminated; unicast (bit 0 of
 * the first octet clear) and not all zero. 0 and mac[6], or -EINVAL.
 */
int netif_parse_mac(const char *s, size_t len, u8 *mac);

/*
 * The MTU to use: the node's value when given (68..65535, else -EINVAL),
 * ETH_DATA_LEN when absent; frames of more than one page need a backend
 * with feature-sg, and a frame is at most XEN_NETIF_MAX_TX_SIZE bytes:
 * a larger value is clamped down to what fits. 0 and *mtu, or -EINVAL.
 */
int netif_mtu(bool given, u64 val, bool backend_sg, u32 *mtu);

#endif
