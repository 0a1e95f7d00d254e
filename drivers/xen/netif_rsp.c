// SPDX-License-Identifier: GPL-2.0
/*
 * netfront's response consumers and node checks
 * (include/tern/xen/netif_rsp.h). Pure code: the host tests and the
 * fuzzer run it unchanged.
 *
 * The backend writes rsp_prod and the entries whenever it likes, so:
 *  - rsp_prod is read once per call, then a read barrier orders it
 *    before the entries; it must lie within [*cons, posted] (mod 2^32),
 *    else nothing is consumed (-EPROTO);
 *  - each entry is copied field by field (READ_ONCE, once each) before
 *    any check, so a field cannot change between check and use;
 *  - every index is masked with nr_ents - 1, nr_ents a power of two, so
 *    no index leaves the ring;
 *  - loops are bounded by max (tx) and by rsp_prod - *cons <= nr_ents.
 * tx: a response frees its id only if the id is outstanding, so a
 * duplicate finds it free and is refused. rx: buffers are tied to ring
 * indices (id = index & mask), so whatever a packet's slots say, every
 * consumed slot's buffer is known and goes back to the caller; a bad
 * packet is consumed whole and dropped, never half-taken.
 */
#include <tern/netdev.h>
#include <tern/xen/netif_rsp.h>
#include <asm/bitops.h>

#define RX_FLAGS_KNOWN	(NETRXF_data_validated | NETRXF_csum_blank | \
			 NETRXF_more_data | NETRXF_extra_info)

static bool ring_state_ok(unsigned int nr_ents, u32 cons, u32 posted)
{
	return nr_ents && !(nr_ents & (nr_ents - 1)) &&
	       nr_ents <= NETIF_MAX_ENTS && posted - cons <= nr_ents;
}

int netif_tx_take_responses(struct netif_tx_sring *sring,
			    unsigned int nr_ents, u32 *cons, u32 posted,
			    u8 *outstanding, unsigned int nids,
			    struct netif_tx_done *out, unsigned int max,
			    unsigned int *nr_bad, const char **why)
{
	union netif_tx_sring_entry *ring = &sring->ring[0];
	const char *bad = NULL;
	unsigned int n = 0, nbad = 0;
	u32 c = *cons, rp;
	int ret = 0;

	if (!ring_state_ok(nr_ents, c, posted)) {
		bad = "bad ring size or request count";
		ret = -EINVAL;
		goto out;
	}
	rp = READ_ONCE(sring->rsp_prod);
	/* the producer index before the entries it covers */
	rmb();
	if (rp - c > posted - c) {
		bad = "tx rsp_prod beyond the requests posted";
		ret = -EPROTO;
		goto out;
	}

	while (c != rp && n < max) {
		const struct netif_tx_response *e =
			&ring[c & (nr_ents - 1)].rsp;
		u16 id = READ_ONCE(e->id);
		s16 status = READ_ONCE(e->status);
		const char *b = NULL;

		c++;
		if (id >= nids || !outstanding[id]) {
			b = id >= nids ? "tx response id out of range" :
					 "tx response for an id not outstanding";
		} else {
			if (status != NETIF_RSP_OKAY &&
			    status != NETIF_RSP_ERROR &&
			    status != NETIF_RSP_DROPPED &&
			    status != NETIF_RSP_NULL) {
				b = "unknown tx response status";
				status = NETIF_RSP_ERROR;
			}
			outstanding[id] = 0;
			out[n].id = id;
			out[n].status = status;
			n++;
		}
		if (b) {
			nbad++;
			if (!bad)
				bad = b;
		}
	}
	*cons = c;
out:
	if (nr_bad)
		*nr_bad = nbad;
	if (bad && why)
		*why = bad;
	return ret ? ret : (int)n;
}

/* Record why the packet is dropped; the first reason stays. */
static void drop(struct netif_rx_packet *pkt, const char *why, bool malformed)
{
	if (pkt->err)
		return;
	pkt->err = why;
	pkt->malformed = malformed;
}

/* One data slot at ring index idx (already copied out of the ring). */
static void data_slot(struct netif_rx_packet *pkt, u32 idx, u32 mask,
		      const struct netif_rx_response *r, bool first,
		      unsigned int ndata, u32 max_len)
{
	struct netif_rx_frag *f;

	const char *why = NULL;
	bool malformed = true;

	if (r->id != (idx & mask)) {
		why = "rx id is not the one posted at that index";
	} else if (r->flags & ~RX_FLAGS_KNOWN) {
		why = "unknown or unrequested rx flags";
	} else if (!first && (r->flags & NETRXF_extra_info)) {
		why = "extra info announced after the first slot";
	} else if (r->status < 0) {
		why = "backend reported an error";
		malformed = false;
	} else if ((u32)r->offset + (u32)r->status > NETIF_PAGE_SIZE) {
		why = "rx data beyond its page";
	} else if (ndata > NETIF_MAX_SLOTS) {
		why = "rx packet of too many slots";
	} else if (!pkt->err && pkt->len + (u32)r->status > max_len) {
		why = "rx frame longer than the MTU";
		malformed = false;
	}
	if (why)
		drop(pkt, why, malformed);
	if (pkt->err)
		return;
	f = &pkt->frag[pkt->nr_frags++];
	f->id = r->id;
	f->offset = r->offset;
	f->len = r->status;
	pkt->len += r->status;
}

int netif_rx_take_packet(struct netif_rx_sring *sring, unsigned int nr_ents,
			 u32 *cons, u32 posted, u32 max_len,
			 struct netif_rx_packet *pkt, const char **why)
{
	union netif_rx_sring_entry *ring = &sring->ring[0];
	u32 c = *cons, mask = nr_ents - 1, rp, avail, i = 0;
	unsigned int ndata = 0, nextra = 0;
	struct netif_rx_response r;
	bool more;

	pkt->len = 0;
	pkt->nr_frags = 0;
	pkt->nr_slots = 0;
	pkt->flags = 0;
	pkt->err = NULL;
	pkt->malformed = false;
	if (!ring_state_ok(nr_ents, c, posted)) {
		if (why)
			*why = "bad ring size or request count";
		return -EINVAL;
	}
	rp = READ_ONCE(sring->rsp_prod);
	/* the producer index before the entries it covers */
	rmb();
	if (rp - c > posted - c) {
		if (why)
			*why = "rx rsp_prod beyond the buffers posted";
		return -EPROTO;
	}
	avail = rp - c;
	if (!avail)
		return 0;

	do {
		const struct netif_rx_response *e;

		if (i == avail)
			goto incomplete;
		e = &ring[(c + i) & mask].rsp;
		r.id = READ_ONCE(e->id);
		r.offset = READ_ONCE(e->offset);
		r.flags = READ_ONCE(e->flags);
		r.status = READ_ONCE(e->status);
		if (!i)
			pkt->flags = r.flags;
		data_slot(pkt, c + i, mask, &r, !i, ++ndata, max_len);
		i++;
		if (i == 1 && (r.flags & NETRXF_extra_info)) {
			u8 type, eflags;

			do {
				const struct netif_extra_info *x;

				if (i == avail)
					goto incomplete;
				x = (const void *)&ring[(c + i) & mask].rsp;
				type = READ_ONCE(x->type);
				eflags = READ_ONCE(x->flags);
				i++;
				if (++nextra > NETIF_MAX_EXTRAS)
					drop(pkt, "too many rx extra-info slots",
					     true);
				if (type == XEN_NETIF_EXTRA_TYPE_NONE ||
				    type >= XEN_NETIF_EXTRA_TYPE_MAX)
					drop(pkt, "unknown rx extra-info type",
					     true);
			} while (eflags & XEN_NETIF_EXTRA_FLAG_MORE);
		}
		more = r.flags & NETRXF_more_data;
	} while (more);

	if (pkt->len < ETH_HLEN)
		drop(pkt, "rx frame shorter than an Ethernet header", false);
	goto done;

incomplete:
	/* the rest of the chain may still come, unless it cannot */
	if (rp != posted)
		return 0;
	drop(pkt, "rx chain runs past the buffers posted", true);
done:
	if (pkt->err) {
		pkt->len = 0;
		pkt->nr_frags = 0;
	}
	pkt->nr_slots = i;
	*cons = c + i;
	return 1;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int netif_parse_mac(const char *s, size_t len, u8 *mac)
{
	u8 m[ETH_ALEN], any = 0;
	unsigned int i;

	if (len != 3 * ETH_ALEN - 1)
		return -EINVAL;
	for (i = 0; i < ETH_ALEN; i++) {
		int hi = hexval(s[3 * i]), lo = hexval(s[3 * i + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		if (i < ETH_ALEN - 1 && s[3 * i + 2] != ':')
			return -EINVAL;
		m[i] = (u8)(hi << 4 | lo);
		any |= m[i];
	}
	if ((m[0] & 1) || !any)
		return -EINVAL;
	for (i = 0; i < ETH_ALEN; i++)
		mac[i] = m[i];
	return 0;
}

int netif_mtu(bool given, u64 val, bool backend_sg, u32 *mtu)
{
	u32 limit = backend_sg ? XEN_NETIF_MAX_TX_SIZE - ETH_HLEN :
				 NETIF_PAGE_SIZE - ETH_HLEN;

	if (!given) {
		*mtu = ETH_DATA_LEN;
		return 0;
	}
	if (val < 68 || val > 65535)
		return -EINVAL;
	*mtu = val < limit ? (u32)val : limit;
	return 0;
}
