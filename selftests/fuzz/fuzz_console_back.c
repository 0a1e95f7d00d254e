// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the console ring's backend side (drivers/xen/toolstack/
 * console_ring_back.c) against a hostile guest. The input is a script:
 *   u32 start index (out_prod = out_cons = in_prod = in_cons = it), then
 *   ops of one byte each, operands following:
 *   0 N bytes[N]   the guest writes N bytes of output (honestly)
 *   1 K            the backend reads up to K * 8 + 1 bytes
 *   2 u32          the guest sets out_prod to anything (hostile)
 *   3 u32          the guest sets in_cons to anything (hostile)
 *   4 N            the backend writes N bytes of input
 *   5 K            the guest consumes up to K input bytes (honestly)
 * Against a model: while the guest is honest, reads return exactly the
 * bytes written, in order, and writes take min(N, room); after a hostile
 * index every call returns -EPROTO or a count the index allowed; never a
 * byte outside the page (a heap object of exactly its size).
 */
#include <tern/xen/console_back.h>

#include "fuzz.h"

#define OUT_SZ	sizeof(((struct xencons_interface *)0)->out)
#define IN_SZ	sizeof(((struct xencons_interface *)0)->in)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 model[1 << 16];
	struct xencons_interface *intf = calloc(1, sizeof(*intf));
	struct xencons_back_ring r;
	struct in in = { data, size };
	u32 written = 0, consumed = 0, start, ops = 0;
	bool honest = true;

	FUZZ_CHECK(intf);
	start = take(&in, 4);
	intf->out_prod = intf->out_cons = start;
	intf->in_prod = intf->in_cons = start;
	xencons_back_init(&r, intf);
	while (in.n && ops++ < 4096) {
		switch (take(&in, 1) % 6) {
		case 0: {
			u32 n = take(&in, 1), i;

			if (!honest)
				break;
			if (n > OUT_SZ - (intf->out_prod - r.out_cons))
				n = OUT_SZ - (intf->out_prod - r.out_cons);
			for (i = 0; i < n; i++) {
				u8 b = take(&in, 1);

				intf->out[MASK_XENCONS_IDX(intf->out_prod,
							   intf->out)] = b;
				intf->out_prod++;
				model[written++ % sizeof(model)] = b;
			}
			break;
		}
		case 1: {
			u32 k = take(&in, 1) * 8 + 1, avail, i;
			char *buf = malloc(k);
			int got;

			FUZZ_CHECK(buf);
			avail = intf->out_prod - r.out_cons;
			got = xencons_back_read(&r, buf, k);
			if (honest) {
				FUZZ_CHECK(got >= 0);
				FUZZ_CHECK((u32)got == (avail < k ? avail : k));
				for (i = 0; i < (u32)got; i++)
					FUZZ_CHECK((u8)buf[i] ==
						   model[(consumed + i) %
							 sizeof(model)]);
				consumed += got;
				FUZZ_CHECK(intf->out_cons == r.out_cons);
			} else {
				FUZZ_CHECK(got == -EPROTO ||
					   (got >= 0 && (u32)got <= k &&
					    (u32)got <= OUT_SZ));
			}
			free(buf);
			break;
		}
		case 2:
			intf->out_prod = take(&in, 4);
			honest = false;
			break;
		case 3:
			intf->in_cons = take(&in, 4);
			honest = false;
			break;
		case 4: {
			u32 n = take(&in, 1), room;
			char buf[256];
			int put;

			memset(buf, 'i', sizeof(buf));
			room = IN_SZ - (r.in_prod - intf->in_cons);
			put = xencons_back_write(&r, buf, n);
			if (honest)
				FUZZ_CHECK(put >= 0 &&
					   (u32)put == (n < room ? n : room));
			else
				FUZZ_CHECK(put == -EPROTO ||
					   (put >= 0 && (u32)put <= n));
			FUZZ_CHECK(r.broken || intf->in_prod == r.in_prod);
			break;
		}
		case 5: {
			u32 k = take(&in, 1);

			if (!honest)
				break;
			if (k > r.in_prod - intf->in_cons)
				k = r.in_prod - intf->in_cons;
			intf->in_cons += k;
			break;
		}
		}
	}
	free(intf);
	return 0;
}
