// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz netfront's response consumers (drivers/xen/netif_rsp.c). Input
 * (14-byte header, then the rest):
 *
 *   [0]      bit 0: 0 tx, 1 rx; bit 1: nr_ents is [1] & 0x7f as is
 *            (0, 3, 6... occur), else 1 << ([1] % 9)
 *   [1]      nr_ents selector
 *   [2..6)   *cons (u32)
 *   [6]      posted = *cons + [6]
 *   [7]      rsp_prod = *cons + (s8)[7], or when [7] == 0x80 the u32 at [8]
 *   [8..12)  raw rsp_prod
 *   [12]     tx: max; rx: max_len = 14 + [12] * 64 + [13]
 *   [13]     tx: nids
 *   tx: nids bytes (bit 0: id outstanding), then 4 bytes per ring entry
 *       in ring order: id (u16), status (s16);
 *   rx: 8 bytes per ring entry: id, offset, flags, status (u16 each,
 *       as netif_rx_response; an extra-info slot reads its first bytes).
 *   Missing bytes are 0.
 *
 * Rings and arrays are heap objects of exactly their size, so ASan sees
 * any access outside them. tx is checked against an independent walk;
 * rx, taken packet by packet until nothing whole is left, against the
 * invariants netfront relies on: every call consumes whole packets only
 * and never past rsp_prod; a good packet is ETH_HLEN..max_len bytes in
 * 1..18 fragments, each inside its page, whose ids are the ring indices
 * consumed and whose fields are the ring's; a dropped one carries
 * nothing; when rsp_prod equals posted everything gets consumed.
 */
#include <tern/xen/netif_rsp.h>

#include "fuzz.h"

#define HDR	14

static void fuzz_tx(unsigned int nr_ents, u32 cons0, u32 posted, u32 rp,
		    unsigned int max, unsigned int nids, const u8 *data,
		    size_t size)
{
	unsigned int slots = nr_ents ? nr_ents : 1, i, n = 0, nbad = 0;
	unsigned int nr_bad = 0xdead;
	struct netif_tx_sring *sring;
	struct netif_tx_done *out;
	u8 *outst, *model, *before;
	const char *why = NULL;
	u32 cons = cons0, c = cons0;
	int ret, want = 0;

	sring = calloc(1, offsetof(struct netif_tx_sring, ring) +
			  slots * sizeof(union netif_tx_sring_entry));
	outst = malloc(nids ? nids : 1);
	model = malloc(nids ? nids : 1);
	before = malloc(nids ? nids : 1);
	out = malloc((max ? max : 1) * sizeof(*out));
	FUZZ_CHECK(sring && outst && model && before && out);
	for (i = 0; i < nids; i++)
		outst[i] = i < size ? data[i] & 1 : 0;
	data += nids < size ? nids : size;
	size -= nids < size ? nids : size;
	for (i = 0; i < slots && (i + 1) * 4 <= size; i++) {
		struct netif_tx_response *r = &(&sring->ring[0])[i].rsp;

		r->id = (u16)fuzz_le(data + 4 * i, 2);
		r->status = (s16)fuzz_le(data + 4 * i + 2, 2);
	}
	sring->rsp_prod = rp;
	memcpy(model, outst, nids);
	memcpy(before, outst, nids);

	ret = netif_tx_take_responses(sring, nr_ents, &cons, posted, outst,
				      nids, out, max, &nr_bad, &why);

	if (!nr_ents || (nr_ents & (nr_ents - 1)) || nr_ents > NETIF_MAX_ENTS ||
	    posted - cons0 > nr_ents) {
		want = -EINVAL;
	} else if (rp - cons0 > posted - cons0) {
		want = -EPROTO;
	} else {
		while (c != rp && n < max) {
			const struct netif_tx_response *r =
				&(&sring->ring[0])[c & (nr_ents - 1)].rsp;

			c++;
			if (r->id >= nids || !model[r->id]) {
				nbad++;
				continue;
			}
			model[r->id] = 0;
			FUZZ_CHECK(out[n].id == r->id);
			if (r->status < NETIF_RSP_DROPPED ||
			    r->status > NETIF_RSP_NULL) {
				nbad++;
				FUZZ_CHECK(out[n].status == NETIF_RSP_ERROR);
			} else {
				FUZZ_CHECK(out[n].status == r->status);
			}
			n++;
		}
		want = n;
	}
	FUZZ_CHECK(ret == want);
	FUZZ_CHECK(cons == c);
	FUZZ_CHECK(nr_bad == nbad);
	FUZZ_CHECK(!memcmp(outst, model, nids));
	FUZZ_CHECK((ret < 0 || nbad) == (why != NULL));
	/* without the model */
	FUZZ_CHECK(cons - cons0 <= rp - cons0 || ret < 0);
	FUZZ_CHECK(ret < 0 || (unsigned int)ret <= max);
	for (i = 0; i < nids; i++)
		FUZZ_CHECK(outst[i] == before[i] || !outst[i]);
	for (i = 0; ret > 0 && i < (unsigned int)ret; i++) {
		FUZZ_CHECK(out[i].id < nids && before[out[i].id]);
		FUZZ_CHECK(!outst[out[i].id]);
	}
	free(sring);
	free(outst);
	free(model);
	free(before);
	free(out);
}

static void fuzz_rx(unsigned int nr_ents, u32 cons0, u32 posted, u32 rp,
		    u32 max_len, const u8 *data, size_t size)
{
	unsigned int slots = nr_ents ? nr_ents : 1, i, calls = 0;
	struct netif_rx_sring *sring, *copy;
	struct netif_rx_packet pkt;
	size_t ringsz;
	u32 cons = cons0;
	bool valid;
	int ret;

	ringsz = offsetof(struct netif_rx_sring, ring) +
		 slots * sizeof(union netif_rx_sring_entry);
	sring = calloc(1, ringsz);
	copy = malloc(ringsz);
	FUZZ_CHECK(sring && copy);
	for (i = 0; i < slots && (i + 1) * 8 <= size; i++) {
		struct netif_rx_response *r = &(&sring->ring[0])[i].rsp;

		r->id = (u16)fuzz_le(data + 8 * i, 2);
		r->offset = (u16)fuzz_le(data + 8 * i + 2, 2);
		r->flags = (u16)fuzz_le(data + 8 * i + 4, 2);
		r->status = (s16)fuzz_le(data + 8 * i + 6, 2);
	}
	sring->rsp_prod = rp;
	memcpy(copy, sring, ringsz);
	valid = nr_ents && !(nr_ents & (nr_ents - 1)) &&
		nr_ents <= NETIF_MAX_ENTS && posted - cons0 <= nr_ents;

	do {
		u32 old = cons, mask = nr_ents - 1, len = 0, k;
		unsigned int f = 0;
		const char *why = NULL;

		ret = netif_rx_take_packet(sring, nr_ents, &cons, posted,
					   max_len, &pkt, &why);
		FUZZ_CHECK(!memcmp(copy, sring, ringsz));	/* read only */
		FUZZ_CHECK(calls++ <= slots);
		if (!valid) {
			FUZZ_CHECK(ret == -EINVAL && why);
			break;
		}
		if (rp - cons0 > posted - cons0) {
			FUZZ_CHECK(ret == -EPROTO && why);
			FUZZ_CHECK(cons == old);
			break;
		}
		FUZZ_CHECK(ret == 0 || ret == 1);
		if (ret == 0) {
			FUZZ_CHECK(cons == old);
			/* a chain is left waiting only if it can still end */
			FUZZ_CHECK(cons == rp || rp != posted);
			break;
		}
		FUZZ_CHECK(pkt.nr_slots >= 1);
		FUZZ_CHECK(cons - old == pkt.nr_slots);
		FUZZ_CHECK(cons - cons0 <= rp - cons0);
		if (pkt.err) {
			FUZZ_CHECK(!pkt.len && !pkt.nr_frags);
			continue;
		}
		FUZZ_CHECK(!pkt.malformed);
		FUZZ_CHECK(pkt.len >= 14 && pkt.len <= max_len);
		FUZZ_CHECK(pkt.nr_frags >= 1 &&
			   pkt.nr_frags <= NETIF_MAX_SLOTS);
		FUZZ_CHECK(pkt.nr_frags <= pkt.nr_slots);
		FUZZ_CHECK(pkt.frag[0].id == (old & mask));
		/* the frags are the data slots among those consumed, in order */
		for (k = old; k != cons; k++) {
			const struct netif_rx_response *r =
				&(&sring->ring[0])[k & mask].rsp;

			if (f < pkt.nr_frags && pkt.frag[f].id == (k & mask)) {
				FUZZ_CHECK(r->id == pkt.frag[f].id);
				FUZZ_CHECK(r->offset == pkt.frag[f].offset);
				FUZZ_CHECK(r->status == pkt.frag[f].len);
				FUZZ_CHECK((u32)r->offset + pkt.frag[f].len <=
					   NETIF_PAGE_SIZE);
				len += pkt.frag[f].len;
				f++;
			}
		}
		FUZZ_CHECK(f == pkt.nr_frags);
		FUZZ_CHECK(len == pkt.len);
	} while (ret == 1);
	/* with no more buffers for it to use, the backend's work all goes */
	if (valid && rp == posted)
		FUZZ_CHECK(cons == rp);
	free(sring);
	free(copy);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int nr_ents;
	u32 cons, posted, rp;

	if (size < HDR)
		return 0;
	nr_ents = data[0] & 2 ? data[1] & 0x7f : 1u << (data[1] % 9);
	cons = fuzz_le(data + 2, 4);
	posted = cons + data[6];
	rp = data[7] == 0x80 ? (u32)fuzz_le(data + 8, 4) :
			       cons + (u32)(s32)(s8)data[7];
	if (data[0] & 1)
		fuzz_rx(nr_ents, cons, posted, rp,
			14 + data[12] * 64u + data[13], data + HDR, size - HDR);
	else
		fuzz_tx(nr_ents, cons, posted, rp, data[12], data[13],
			data + HDR, size - HDR);
	return 0;
}
