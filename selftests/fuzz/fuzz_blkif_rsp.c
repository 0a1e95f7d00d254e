// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz blkif_take_responses() (drivers/xen/blkif_rsp.c). Input (13-byte
 * header, then the rest):
 *
 *   [0]     nr_ents: bit 7 set: the low 7 bits as is (0, 3, 6... occur),
 *           else 1 << (b % 9)
 *   [1]     nslots
 *   [2..6)  *cons (u32)
 *   [6]     posted = *cons + [6]
 *   [7]     rsp_prod = *cons + (s8)[7], or when [7] == 0x80 the u32 at [9]
 *   [8]     max
 *   [9..13) raw rsp_prod
 *   then nslots slot bytes (b < 0x80: op b % 8; else BLKIF_SLOT_FREE),
 *   then 4 bytes per ring entry in ring order: id low byte, id byte 4
 *   (so ids >= 2^32 occur), operation, status (s8); missing ones are 0.
 *
 * The ring is a heap object of exactly nr_ents entries and slot_op one of
 * exactly nslots bytes, so ASan sees any access outside them. The result
 * is checked against an independent walk and against the invariants the
 * caller relies on: counts bounded by max and by rsp_prod - *cons; *cons
 * never passes rsp_prod; a slot changes only to BLKIF_SLOT_FREE and only
 * for an id reported in out[]; every reported response is well formed.
 */
#include <tern/xen/blkif_rsp.h>

#include "fuzz.h"

#define HDR	13

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned int nr_ents, nslots, max, nr_good = 0xdead, i, n = 0;
	u32 cons0, cons, posted, rp, c;
	struct blkif_sring *sring;
	struct blkif_done *out;
	u8 *slot, *before, *model;
	const char *why = NULL;
	bool valid;
	size_t ringsz;
	int ret, want = 0;

	if (size < HDR)
		return 0;
	nr_ents = data[0] & 0x80 ? data[0] & 0x7f : 1u << (data[0] % 9);
	nslots = data[1];
	cons0 = cons = fuzz_le(data + 2, 4);
	posted = cons + data[6];
	rp = data[7] == 0x80 ? (u32)fuzz_le(data + 9, 4) :
			       cons + (u32)(s32)(s8)data[7];
	max = data[8];
	data += HDR;
	size -= HDR;

	ringsz = offsetof(struct blkif_sring, ring) +
		 (nr_ents ? nr_ents : 1) * sizeof(union blkif_sring_entry);
	sring = calloc(1, ringsz);
	slot = malloc(nslots ? nslots : 1);
	before = malloc(nslots ? nslots : 1);
	model = malloc(nslots ? nslots : 1);
	out = malloc((max ? max : 1) * sizeof(*out));
	FUZZ_CHECK(sring && slot && before && model && out);
	for (i = 0; i < nslots; i++) {
		u8 b = i < size ? data[i] : 0xff;

		slot[i] = b < 0x80 ? b % 8 : BLKIF_SLOT_FREE;
	}
	data += nslots < size ? nslots : size;
	size -= nslots < size ? nslots : size;
	for (i = 0; i < (nr_ents ? nr_ents : 1) && (i + 1) * 4 <= size; i++) {
		struct blkif_response *r = &(&sring->ring[0])[i].rsp;
		const u8 *e = data + 4 * i;

		r->id = e[0] | (u64)e[1] << 32;
		r->operation = e[2];
		r->status = (s8)e[3];
	}
	sring->rsp_prod = rp;
	memcpy(before, slot, nslots);
	memcpy(model, slot, nslots);

	ret = blkif_take_responses(sring, nr_ents, &cons, posted, slot,
				   nslots, out, max, &nr_good, &why);

	/* the independent walk */
	valid = nr_ents && !(nr_ents & (nr_ents - 1)) &&
		posted - cons0 <= nr_ents;
	c = cons0;
	if (!valid) {
		want = -EINVAL;
	} else if (rp - cons0 > posted - cons0) {
		want = -EPROTO;
	} else {
		while (c != rp && n < max) {
			const struct blkif_response *r =
				&(&sring->ring[0])[c & (nr_ents - 1)].rsp;

			c++;
			if (r->id >= nslots || model[r->id] == BLKIF_SLOT_FREE ||
			    r->operation != model[r->id] ||
			    (r->status != BLKIF_RSP_OKAY &&
			     r->status != BLKIF_RSP_ERROR &&
			     r->status != BLKIF_RSP_EOPNOTSUPP)) {
				want = -EPROTO;
				break;
			}
			FUZZ_CHECK(n < nr_good);
			FUZZ_CHECK(out[n].id == r->id);
			FUZZ_CHECK(out[n].op == r->operation);
			FUZZ_CHECK(out[n].status == r->status);
			model[r->id] = BLKIF_SLOT_FREE;
			n++;
		}
		if (!want)
			want = n;
	}
	FUZZ_CHECK(ret == want);
	FUZZ_CHECK(nr_good == n);
	FUZZ_CHECK(cons == c);
	FUZZ_CHECK(!memcmp(slot, model, nslots));
	FUZZ_CHECK((ret < 0) == (why != NULL));

	/* the caller's invariants, stated without the model */
	FUZZ_CHECK(nr_good <= max);
	FUZZ_CHECK(ret < 0 || (unsigned int)ret == nr_good);
	FUZZ_CHECK(cons - cons0 <= nr_ents);
	FUZZ_CHECK(cons - cons0 <= rp - cons0);	/* never past rsp_prod */
	FUZZ_CHECK(cons - cons0 >= nr_good);
	for (i = 0; i < nslots; i++) {
		unsigned int k;

		if (slot[i] == before[i])
			continue;
		FUZZ_CHECK(slot[i] == BLKIF_SLOT_FREE);
		for (k = 0; k < nr_good; k++)
			if (out[k].id == i)
				break;
		FUZZ_CHECK(k < nr_good);
	}
	for (i = 0; i < nr_good; i++) {
		FUZZ_CHECK(out[i].id < nslots);
		FUZZ_CHECK(before[out[i].id] == out[i].op);
		FUZZ_CHECK(slot[out[i].id] == BLKIF_SLOT_FREE);
		FUZZ_CHECK(out[i].status >= -2 && out[i].status <= 0);
	}

	free(sring);
	free(slot);
	free(before);
	free(model);
	free(out);
	return 0;
}
