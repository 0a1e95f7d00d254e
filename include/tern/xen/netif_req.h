/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netback's consumers of the frontend's rings, pure
 * (drivers/xen/netif_req.c): take packets off a netif tx ring and
 * posted buffers off a netif rx ring that a frontend (another domain,
 * hostile) produces, check them, and write the responses. No
 * hypercalls, no globals, no allocation: host-tested
 * (selftests/host/test_netif_req.c) and fuzzed
 * (selftests/fuzz/fuzz_netif_req.c). Documentation/netback.md tells how
 * the backend (drivers/xen/netback.c) uses it.
 *
 * Why it is shaped so: everything in the rings can change under us at any
 * time, so each ring slot is copied into private memory once (12 or 8
 * bytes, each read once) and only the copy is looked at; what comes out
 * (struct netif_tx_pkt, struct netif_rx_buf) is private and checked, so
 * the backend grant-copies from and to it without looking at the ring
 * again. Grant references are opaque: the backend's grant copy fails on
 * a bad one, and the backend then answers with an error status.
 *
 * Invariants (struct netif_back, the backend's private state of one
 * ring; the same for tx and rx):
 *  - nr_ents is a power of two, 1..NETIF_BACK_MAX_ENTS; every slot index
 *    is masked with nr_ents - 1, so nothing outside the ring's
 *    netif_ring_bytes() is read or written;
 *  - rsp_prod_pvt <= req_cons <= rsp_prod_pvt + nr_ents (mod 2^32): we
 *    never take more slots than the ring has room for our answers, and
 *    never answer more than we took;
 *  - req_prod is read once per take, and must lie in [req_cons,
 *    rsp_prod_pvt + nr_ents]; else the frontend is broken.
 *
 * One ABI: every ring entry of io/netif.h is made of u8, u16 and u32
 * fields only (no u64), so the i386 and x86_64 layouts are the same: tx
 * slots of 12 bytes, rx slots of 8, a 64-byte ring header, 256 entries
 * in a one-page ring (netif has no multi-page rings). Static asserts in
 * netif_req.c pin every size and offset used; the frontend's "protocol"
 * node, if any, does not matter.
 *
 * Errors. "Answer": the slots were consumed; answer every one of them
 * with an error status (netif_tx_answer(), netif_rx_put_packet()) and go
 * on. "Disconnect": the frontend broke the protocol; take nothing more
 * from it (unmap, write "error", go Closing).
 *  - netif_tx_take_packets(), netif_rx_take_buffers(): -EPROTO
 *    disconnect; -EINVAL our own state or parameters are impossible (a
 *    bug in the caller), nothing read.
 *  - a packet's pkt->err: answer (-EINVAL malformed, -E2BIG more than
 *    NETIF_MAX_SLOTS data slots, -EOPNOTSUPP an extra-info type we did
 *    not offer).
 *  - netif_tx_answer(), netif_rx_put_packet(): -EINVAL, a bug in the
 *    caller; nothing written.
 * Every error sets *why (when why is not NULL) to a short reason for the
 * caller's single log line.
 */
#ifndef _TERN_XEN_NETIF_REQ_H
#define _TERN_XEN_NETIF_REQ_H

#include <tern/types.h>
#include <xen/io/netif.h>

#define NETIF_REQ_PAGE_SIZE	4096u
/* offsetof(struct netif_*_sring, ring): four indices and padding */
#define NETIF_SRING_HDR		64
#define NETIF_TX_SLOT_SIZE	12
#define NETIF_RX_SLOT_SIZE	8
/* a one-page ring: (4096 - 64) / 12 = 336 and / 8 = 504, rounded down */
#define NETIF_BACK_MAX_ENTS	256
/* data slots a packet may have (either way): netif.h's minimum, 18 */
#define NETIF_BACK_MAX_SLOTS	XEN_NETIF_NR_SLOTS_MIN
/* tx data slots beyond which the frontend is broken: Linux's default */
#define NETIF_TX_FATAL_SLOTS	20
/* the largest fatal bound a caller may choose */
#define NETIF_TX_FATAL_MAX	32
/* extra-info slots after a tx packet's first slot: one of each type */
#define NETIF_TX_MAX_EXTRAS	(XEN_NETIF_EXTRA_TYPE_MAX - 1)

/* The backend's private state for one ring (tx or rx). */
struct netif_back {
	void *sring;		/* mapped: header + nr_ents slots */
	unsigned int nr_ents;
	u32 req_cons;		/* next request slot to take */
	u32 rsp_prod_pvt;	/* next response slot */
	u32 rsp_pushed;		/* rsp_prod as we last published it */
};

/* Bytes of a tx or rx ring of nr_ents entries: all that is accessed. */
size_t netif_tx_ring_bytes(unsigned int nr_ents);
size_t netif_rx_ring_bytes(unsigned int nr_ents);

/*
 * Attach to a mapped ring (struct netif_tx_sring or netif_rx_sring):
 * nr_ents a power of two up to NETIF_BACK_MAX_ENTS (256 for a real
 * one-page ring), idx the index both sides start from (0 for a ring the
 * frontend just set up with SHARED_RING_INIT). 0, or -EINVAL.
 */
int netif_back_init(struct netif_back *b, void *sring, unsigned int nr_ents,
		    u32 idx, const char **why);

/*
 * RING_FINAL_CHECK_FOR_REQUESTS, for when a take found too little: ask
 * for an event once need (>= 1) more request slots than we took are
 * posted (req_event = req_cons + need), a full barrier, look again.
 * True: they came meanwhile, take them (no event will come for them).
 * tx: need = 1. rx: need = the buffers the waiting packet needs (what
 * "feature-rx-notify" lets the frontend honour).
 */
bool netif_final_check(struct netif_back *b, unsigned int need);

/*
 * RING_PUSH_RESPONSES_AND_CHECK_NOTIFY: write barrier, publish rsp_prod
 * = rsp_prod_pvt, full barrier, then true when rsp_event lies in (the
 * last published rsp_prod, rsp_prod]: notify the event channel. The
 * last published value is our own copy, not the ring's.
 */
bool netif_push_responses(struct netif_back *b);

/* ---- tx: the frontend sends packets ---------------------------------- */

/* What the backend offers the frontend (its xenstore features). */
struct netif_tx_params {
	/* the longest packet: ETH_HLEN..XEN_NETIF_MAX_TX_SIZE (MTU + 14) */
	u32 max_len;
	/* data slots beyond which a packet means disconnect:
	 * NETIF_BACK_MAX_SLOTS..NETIF_TX_FATAL_MAX, 0 for
	 * NETIF_TX_FATAL_SLOTS
	 */
	unsigned int fatal_slots;
	bool gso;		/* feature-gso-tcpv4/-tcpv6: GSO extras */
	bool mcast;		/* feature-multicast-control: MCAST extras */
	bool hash;		/* a hash is configured: HASH extras */
};

/* One data segment: a part of one granted 4 KiB page. */
struct netif_tx_seg {
	gref_t gref;
	u16 offset;
	u16 len;		/* offset + len <= 4096; may be 0 */
};

/*
 * A packet as taken off the tx ring: nr_slots ring slots (its first slot,
 * nr_extras extra-info slots, then nr_data - 1 more data slots). Its
 * answer (netif_tx_answer()) is one response per slot: id[i] for the
 * i-th data slot, NETIF_RSP_NULL for each extra-info slot.
 *
 * err == 0: a good packet. len bytes (ETH_HLEN..max_len) in seg[0..
 * nr_data), in order; seg[0].len is the first slot's own share (its size
 * minus the others'). flags: the first slot's NETTXF_csum_blank and
 * NETTXF_data_validated. gso_* when a GSO extra came (params->gso only),
 * hash_* for a HASH extra (params->hash only).
 *
 * mcast (params->mcast only): the packet is a dummy request carrying an
 * MCAST_ADD and/or MCAST_DEL extra (mcast_add/mcast_del set, the
 * addresses in mcast_addr[0] / [1]); its data are not looked at (len 0,
 * no segments). Apply the change, answer OKAY.
 *
 * err < 0 (see the top): drop it and answer every slot with
 * NETIF_RSP_ERROR; why is the first reason found. Only id[], nr_data,
 * nr_extras and nr_slots are then meaningful.
 */
struct netif_tx_pkt {
	int err;
	const char *why;
	u32 len;
	unsigned int nr_data;		/* 1..fatal_slots */
	unsigned int nr_extras;		/* 0..NETIF_TX_MAX_EXTRAS */
	unsigned int nr_slots;		/* nr_data + nr_extras */
	u16 flags;
	u16 id[NETIF_TX_FATAL_MAX];
	struct netif_tx_seg seg[NETIF_BACK_MAX_SLOTS];
	bool gso;
	u8 gso_type;			/* XEN_NETIF_GSO_TYPE_TCPV4 or _TCPV6 */
	u16 gso_size;			/* MSS, not 0 */
	bool mcast, mcast_add, mcast_del;
	u8 mcast_addr[2][6];		/* [0] add, [1] del */
	bool hash;
	u8 hash_type, hash_alg;
	u32 hash_value;
};

/*
 * Read req_prod once (then a read barrier), check it as above, and take
 * up to max whole packets from req_cons on into pkts[], advancing
 * req_cons past their slots. Every slot is copied once. Returns how many
 * packets (>= 0; each good or with err set, see struct netif_tx_pkt);
 * -EPROTO, nothing taken (req_cons unchanged), when req_prod is out of
 * bounds or a packet is malformed beyond answering: its slots run past
 * req_prod, it has more data slots than the fatal bound, more than
 * NETIF_TX_MAX_EXTRAS extra-info slots or one of an unknown type; -EINVAL
 * for bad state or params (nothing read).
 */
int netif_tx_take_packets(struct netif_back *b,
			  const struct netif_tx_params *p,
			  struct netif_tx_pkt *pkts, unsigned int max,
			  const char **why);

/*
 * Answer every slot of pkt (taken by netif_tx_take_packets() on b) with
 * status (NETIF_RSP_OKAY, _ERROR or _DROPPED; never OKAY for a packet
 * with err < 0): at rsp_prod_pvt on, id and status of each data slot, and
 * for each extra-info slot only its status, NETIF_RSP_NULL (as Linux's
 * netback; frontends skip NULL responses without reading their id).
 * Nothing is visible before netif_push_responses(). -EINVAL (nothing
 * written) when fewer slots are taken and unanswered than pkt has, the
 * status is not one of those (or OKAY for a dropped packet), or pkt's
 * counts are impossible. Packets may be answered in any order; answering
 * one twice is the caller's bug that only the slot count can catch.
 */
int netif_tx_answer(struct netif_back *b, const struct netif_tx_pkt *pkt,
		    s16 status, const char **why);

/* ---- rx: the frontend posts buffers, the backend fills them ---------- */

/* A posted buffer: one granted 4 KiB page. */
struct netif_rx_buf {
	u16 id;				/* echoed only */
	gref_t gref;			/* opaque: the grant copy checks it */
};

/*
 * The buffers a packet of len bytes fills: ceil(len / 4096) (no GSO, no
 * extra-info slots), 1..16; 0 when len is 0 or above
 * XEN_NETIF_MAX_TX_SIZE. Buffer i gets bytes [4096 i, min(len, 4096 (i +
 * 1))) of the packet at offset 0.
 */
unsigned int netif_rx_slots(u32 len);

/*
 * Read req_prod once (then a read barrier), check it as above, and take
 * exactly need (1..NETIF_BACK_MAX_SLOTS) posted buffers into bufs[]
 * (copied once each), advancing req_cons: returns need. Or 0, nothing
 * taken, when fewer are posted: the packet waits (netif_final_check(b,
 * need)) or is dropped, as the caller decides. -EPROTO (disconnect) or
 * -EINVAL (bad state or need) as for tx, nothing taken. Buffers are
 * answered in the order taken: a response lands in the slot of its
 * request, as netif.h requires.
 */
int netif_rx_take_buffers(struct netif_back *b, struct netif_rx_buf *bufs,
			  unsigned int need, const char **why);

/*
 * Write the responses of one packet of len bytes placed into bufs[0..nr)
 * (the next nr buffers taken and not yet answered, in order; nr ==
 * netif_rx_slots(len)): for buffer i, id, offset 0, flags
 * NETRXF_more_data on all but the last and the caller's flags
 * (NETRXF_data_validated, NETRXF_csum_blank) on the first, status the
 * bytes in that buffer, or NETIF_RSP_ERROR when bit i of failed is set
 * (its grant copy failed; the frontend then drops the packet; all bits
 * set drops it on purpose). Not visible before netif_push_responses().
 * 0, or -EINVAL (nothing written) when nr does not fit len, more are
 * answered than taken, or flags has other bits.
 */
int netif_rx_put_packet(struct netif_back *b, const struct netif_rx_buf *bufs,
			unsigned int nr, u32 len, u16 flags, u32 failed,
			const char **why);

#endif
