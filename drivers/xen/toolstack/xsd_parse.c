// SPDX-License-Identifier: GPL-2.0
/*
 * xenstored request bodies (include/tern/xen/xsd.h): split one body into
 * its strings by request type, before the store looks at any of it. Pure
 * and bounded: the body is read only within hdr->len (at most
 * XENSTORE_PAYLOAD_MAX) bytes, every pointer handed out points into it,
 * and every string handed out ends with a NUL inside it.
 */
#include <tern/string.h>
#include <tern/xen/xs_wire.h>
#include <tern/xen/xsd.h>

int xsd_parse_perm(const char *str, struct xsd_perm *p)
{
	u64 id;
	size_t n = strnlen(str, 7);
	u8 perm;

	switch (str[0]) {
	case 'n':
		perm = XSD_PERM_NONE;
		break;
	case 'r':
		perm = XSD_PERM_READ;
		break;
	case 'w':
		perm = XSD_PERM_WRITE;
		break;
	case 'b':
		perm = XSD_PERM_BOTH;
		break;
	default:
		return -EINVAL;
	}
	/* one letter and 1..5 digits */
	if (n < 2 || n > 6 || xs_parse_uint(str + 1, n - 1, 0xffff, &id))
		return -EINVAL;
	p->domid = id;
	p->perm = perm;
	p->pad = 0;
	return 0;
}

/* Bounds on the strings of each type: min, max (0 = no limit). */
static int string_bounds(u32 type, unsigned int *min, unsigned int *max)
{
	switch (type) {
	case XS_READ:
	case XS_MKDIR:
	case XS_RM:
	case XS_DIRECTORY:
	case XS_GET_PERMS:
	case XS_GET_DOMAIN_PATH:
	case XS_RELEASE:
	case XS_RESUME:
	case XS_IS_DOMAIN_INTRODUCED:
	case XS_TRANSACTION_END:
		*min = *max = 1;
		return 0;
	case XS_WATCH:
	case XS_UNWATCH:
	case XS_SET_TARGET:
	case XS_DIRECTORY_PART:
		*min = *max = 2;
		return 0;
	case XS_INTRODUCE:
		*min = 3;
		*max = 4;
		return 0;
	case XS_CONTROL:
		*min = 1;
		*max = XSD_REQ_ARGS;
		return 0;
	case XS_SET_PERMS:
		*min = 2;
		*max = 0;
		return 0;
	case XS_TRANSACTION_START:
	case XS_RESET_WATCHES:
		*min = 0;
		*max = 0;
		return 0;
	}
	return -EINVAL;
}

int xsd_parse_request(const struct xsd_sockmsg *hdr, const char *body,
		      struct xsd_req *req)
{
	u32 len = hdr->len;
	unsigned int min, max, i;
	const char *p;
	int n;

	memset(req, 0, sizeof(*req));
	req->type = hdr->type;
	if (len > XENSTORE_PAYLOAD_MAX)
		return -E2BIG;

	if (hdr->type == XS_WRITE) {
		size_t plen = strnlen(body, len);

		if (plen == len)
			return -EINVAL;		/* no NUL after the path */
		req->argc = 1;
		req->argv[0] = body;
		req->value = body + plen + 1;
		req->value_len = len - plen - 1;
		return 0;
	}
	if (string_bounds(hdr->type, &min, &max))
		return -EINVAL;

	/* xs_split_strings: -EPROTO unless len is 0 or body[len - 1] NUL */
	n = xs_split_strings(body, len, req->argv, XSD_REQ_ARGS);
	if (n < 0 || (unsigned int)n < min || (max && (unsigned int)n > max))
		return -EINVAL;
	req->argc = min(n, XSD_REQ_ARGS);

	if (hdr->type == XS_SET_PERMS) {
		struct xsd_perm perm;

		req->argc = 1;
		req->perms = body + strlen(body) + 1;
		req->nperms = n - 1;
		for (p = req->perms, i = 0; i < req->nperms; i++) {
			if (xsd_parse_perm(p, &perm))
				return -EINVAL;
			p += strlen(p) + 1;
		}
	}
	return 0;
}
