// SPDX-License-Identifier: GPL-2.0
/*
 * Console ring, backend side (tern/xen/console_back.h). Pure: the guest's
 * producer index (out_prod) and consumer index (in_cons) are each read
 * once per call into a local; everything else is ours.
 */
#include <tern/kernel.h>
#include <tern/string.h>
#include <tern/xen/console_back.h>

#define OUT_SZ	sizeof(((struct xencons_interface *)0)->out)
#define IN_SZ	sizeof(((struct xencons_interface *)0)->in)

void xencons_back_init(struct xencons_back_ring *r,
		       struct xencons_interface *intf)
{
	r->intf = intf;
	r->out_cons = READ_ONCE(intf->out_cons);
	r->in_prod = READ_ONCE(intf->in_prod);
	r->broken = false;
}

int xencons_back_read(struct xencons_back_ring *r, char *buf, size_t max)
{
	XENCONS_RING_IDX prod, avail, i;

	if (r->broken)
		return -EPROTO;
	prod = READ_ONCE(r->intf->out_prod);
	barrier();
	avail = prod - r->out_cons;
	if (avail > OUT_SZ) {
		r->broken = true;
		return -EPROTO;
	}
	if (avail > max)
		avail = max;
	for (i = 0; i < avail; i++)
		buf[i] = READ_ONCE(r->intf->out[MASK_XENCONS_IDX(r->out_cons + i,
							       r->intf->out)]);
	barrier();
	r->out_cons += avail;
	WRITE_ONCE(r->intf->out_cons, r->out_cons);
	return avail;
}

int xencons_back_write(struct xencons_back_ring *r, const char *s, size_t n)
{
	XENCONS_RING_IDX cons, used, i;

	if (r->broken)
		return -EPROTO;
	cons = READ_ONCE(r->intf->in_cons);
	barrier();
	used = r->in_prod - cons;
	if (used > IN_SZ) {
		r->broken = true;
		return -EPROTO;
	}
	if (n > IN_SZ - used)
		n = IN_SZ - used;
	for (i = 0; i < n; i++)
		r->intf->in[MASK_XENCONS_IDX(r->in_prod + i, r->intf->in)] = s[i];
	barrier();
	r->in_prod += n;
	WRITE_ONCE(r->intf->in_prod, r->in_prod);
	return n;
}
