// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for drivers/xen/xs_wire.c: ring copies both ways (full,
 * empty, wrap of the byte offset and of the 2^32 index, impossible
 * indices), message assembly from any fragments (header split, body
 * split, one byte at a time, two messages back to back, a 4096-byte
 * payload through the 1 KiB ring), bad headers, and the reply parsers
 * (error names, string lists, watch events, numbers). The interface page
 * is a heap object of exactly its size, so ASan sees any overrun.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xen/xs_wire.h>

static struct xenstore_domain_interface *intf;
static struct xs_rx *rx;

static int setup(void **state)
{
	intf = calloc(1, sizeof(*intf));
	rx = malloc(sizeof(*rx));
	assert_non_null(intf);
	assert_non_null(rx);
	memset(rx, 0xa5, sizeof(*rx));
	xs_rx_reset(rx);
	return 0;
}

static int teardown(void **state)
{
	free(intf);
	free(rx);
	intf = NULL;
	rx = NULL;
	return 0;
}

/* The peer (xenstored) producing len bytes into the response ring. */
static void peer_put(const void *data, size_t len)
{
	const char *p = data;
	size_t i;

	assert_true(intf->rsp_prod - intf->rsp_cons + len <=
		    XENSTORE_RING_SIZE);
	for (i = 0; i < len; i++)
		intf->rsp[MASK_XENSTORE_IDX(intf->rsp_prod + i)] = p[i];
	intf->rsp_prod += len;
}

/* A whole message (header + body) as bytes, in buf; returns its size. */
static size_t msg(void *buf, u32 type, u32 req_id, const void *body,
		  u32 len)
{
	struct xsd_sockmsg h = { .type = type, .req_id = req_id,
				 .tx_id = 7, .len = len };

	memcpy(buf, &h, sizeof(h));
	memcpy((char *)buf + sizeof(h), body, len);
	return sizeof(h) + len;
}

static void set_rsp(u32 idx)
{
	intf->rsp_cons = idx;
	intf->rsp_prod = idx;
}

/* ---- xs_ring_put -------------------------------------------------------- */

static void put_basic(void **state)
{
	assert_int_equal(xs_ring_put(intf, "abc", 3), 3);
	assert_int_equal(intf->req_prod, 3);
	assert_int_equal(intf->req_cons, 0);
	assert_memory_equal(intf->req, "abc", 3);
	assert_int_equal(xs_ring_put(intf, "", 0), 0);
	assert_int_equal(intf->req_prod, 3);
}

static void put_stops_when_full(void **state)
{
	char big[XENSTORE_RING_SIZE + 10];

	memset(big, 'x', sizeof(big));
	intf->req_cons = 100;
	intf->req_prod = 100 + XENSTORE_RING_SIZE - 4;
	assert_int_equal(xs_ring_put(intf, "0123456789", 10), 4);
	assert_int_equal(intf->req_prod, 100 + XENSTORE_RING_SIZE);
	assert_memory_equal(intf->req + 96, "0123", 4);
	assert_int_equal(xs_ring_put(intf, "z", 1), 0);
	/* the peer frees everything: a put larger than the ring stops at it */
	intf->req_cons = intf->req_prod;
	assert_int_equal(xs_ring_put(intf, big, sizeof(big)),
			 XENSTORE_RING_SIZE);
	assert_int_equal(intf->req_prod - intf->req_cons, XENSTORE_RING_SIZE);
}

static void put_wraps_index(void **state)
{
	intf->req_cons = 0xfffffffeu;
	intf->req_prod = 0xfffffffeu;
	assert_int_equal(xs_ring_put(intf, "abcdef", 6), 6);
	assert_int_equal(intf->req_prod, 4);
	assert_int_equal(intf->req[1022], 'a');
	assert_int_equal(intf->req[1023], 'b');
	assert_memory_equal(intf->req, "cdef", 4);
}

static void put_bad_indices(void **state)
{
	intf->req_cons = 5;
	intf->req_prod = 5 + XENSTORE_RING_SIZE + 1;
	assert_int_equal(xs_ring_put(intf, "a", 1), -EIO);
	assert_int_equal(intf->req_prod, 5 + XENSTORE_RING_SIZE + 1);
	/* consumer ahead of producer: a distance of ~2^32 */
	intf->req_cons = 10;
	intf->req_prod = 9;
	assert_int_equal(xs_ring_put(intf, "a", 1), -EIO);
	assert_int_equal(intf->req_prod, 9);
	assert_int_equal(intf->req[9 & 1023], 0);
}

/* ---- xs_ring_get -------------------------------------------------------- */

static void get_basic_and_empty(void **state)
{
	char buf[16] = { 0 };

	assert_int_equal(xs_ring_get(intf, buf, sizeof(buf)), 0);
	peer_put("hello", 5);
	assert_int_equal(xs_ring_get(intf, buf, 2), 2);
	assert_memory_equal(buf, "he", 2);
	assert_int_equal(intf->rsp_cons, 2);
	assert_int_equal(xs_ring_get(intf, buf, sizeof(buf)), 3);
	assert_memory_equal(buf, "llo", 3);
	assert_int_equal(intf->rsp_cons, 5);
	assert_int_equal(xs_ring_get(intf, buf, sizeof(buf)), 0);
}

static void get_wraps_index(void **state)
{
	char buf[16] = { 0 };

	set_rsp(0xfffffffdu);
	peer_put("0123456", 7);
	assert_int_equal(xs_ring_get(intf, buf, sizeof(buf)), 7);
	assert_memory_equal(buf, "0123456", 7);
	assert_int_equal(intf->rsp_cons, 4);
}

static void get_full_ring(void **state)
{
	char src[XENSTORE_RING_SIZE], buf[XENSTORE_RING_SIZE + 8];
	unsigned int i;

	for (i = 0; i < sizeof(src); i++)
		src[i] = i * 7;
	set_rsp(600);
	peer_put(src, sizeof(src));
	assert_int_equal(xs_ring_get(intf, buf, sizeof(buf)),
			 XENSTORE_RING_SIZE);
	assert_memory_equal(buf, src, sizeof(src));
	assert_int_equal(intf->rsp_cons, 600 + XENSTORE_RING_SIZE);
}

static void get_bad_indices(void **state)
{
	char buf[8];

	intf->rsp_cons = 0;
	intf->rsp_prod = XENSTORE_RING_SIZE + 1;
	assert_int_equal(xs_ring_get(intf, buf, sizeof(buf)), -EIO);
	assert_int_equal(intf->rsp_cons, 0);
	intf->rsp_cons = 0x80000000u;
	intf->rsp_prod = 0;
	assert_int_equal(xs_ring_get(intf, buf, sizeof(buf)), -EIO);
	assert_int_equal(intf->rsp_cons, 0x80000000u);
}

/* ---- xs_check_header ---------------------------------------------------- */

static void check_header(void **state)
{
	struct xsd_sockmsg h = { .type = XS_READ, .len = 0 };

	assert_int_equal(xs_check_header(&h), 0);
	h.type = XS_ERROR;
	h.len = XENSTORE_PAYLOAD_MAX;
	assert_int_equal(xs_check_header(&h), 0);
	h.type = XS_DIRECTORY_PART;
	assert_int_equal(xs_check_header(&h), 0);
	h.len = XENSTORE_PAYLOAD_MAX + 1;
	assert_int_equal(xs_check_header(&h), -E2BIG);
	h.len = 0xffffffffu;
	assert_int_equal(xs_check_header(&h), -E2BIG);
	h.len = 1;
	h.type = XS_TYPE_COUNT;
	assert_int_equal(xs_check_header(&h), -EPROTO);
	h.type = XS_SET_TARGET + 1;	/* the removed XS_RESTRICT */
	assert_int_equal(xs_check_header(&h), -EPROTO);
	h.type = XS_INVALID;
	assert_int_equal(xs_check_header(&h), -EPROTO);
	h.type = 0x80000000u;
	assert_int_equal(xs_check_header(&h), -EPROTO);
}

/* ---- xs_rx_pull --------------------------------------------------------- */

static void rx_whole_message(void **state)
{
	char m[64];
	size_t n = msg(m, XS_READ, 42, "value", 5);	/* no NUL on the wire */

	assert_int_equal(xs_rx_pull(rx, intf), 0);
	peer_put(m, n);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_int_equal(rx->hdr.type, XS_READ);
	assert_int_equal(rx->hdr.req_id, 42);
	assert_int_equal(rx->hdr.tx_id, 7);
	assert_int_equal(rx->hdr.len, 5);
	assert_string_equal(rx->body, "value");
	assert_int_equal(intf->rsp_cons, n);
	/* pulling again without reset keeps the message, takes nothing */
	peer_put(m, n);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_int_equal(intf->rsp_cons, n);
	xs_rx_reset(rx);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_string_equal(rx->body, "value");
}

static void rx_empty_body(void **state)
{
	char m[32];

	peer_put(m, msg(m, XS_WRITE, 1, "", 0));
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_int_equal(rx->hdr.len, 0);
	assert_int_equal(rx->body[0], '\0');
}

static void rx_byte_by_byte(void **state)
{
	char m[64];
	size_t n = msg(m, XS_DIRECTORY, 3, "a\0bc\0", 5), i;

	for (i = 0; i + 1 < n; i++) {
		peer_put(m + i, 1);
		assert_int_equal(xs_rx_pull(rx, intf), 0);
		/* what is held so far is NUL-terminated */
		if (i + 1 >= sizeof(struct xsd_sockmsg))
			assert_int_equal(rx->body[i + 1 - 16], '\0');
	}
	peer_put(m + i, 1);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_memory_equal(rx->body, "a\0bc\0", 6);
}

static void rx_split_header_and_body(void **state)
{
	char m[64];
	size_t n = msg(m, XS_READ, 9, "0123456789", 10);

	peer_put(m, 5);			/* part of the header */
	assert_int_equal(xs_rx_pull(rx, intf), 0);
	assert_int_equal(rx->have, 5);
	peer_put(m + 5, 11 + 3);	/* rest of the header, 3 body bytes */
	assert_int_equal(xs_rx_pull(rx, intf), 0);
	assert_int_equal(rx->have, 19);
	assert_string_equal(rx->body, "012");
	assert_int_equal(xs_rx_pull(rx, intf), 0);	/* nothing new */
	peer_put(m + 19, n - 19);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_string_equal(rx->body, "0123456789");
}

static void rx_two_messages(void **state)
{
	char m[128];
	size_t n = msg(m, XS_READ, 1, "first", 5);

	n += msg(m + n, XS_WATCH_EVENT, 0, "a/b\0tok\0", 8);
	peer_put(m, n);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_string_equal(rx->body, "first");
	assert_int_equal(intf->rsp_cons, 16 + 5);	/* not one byte more */
	xs_rx_reset(rx);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_int_equal(rx->hdr.type, XS_WATCH_EVENT);
	assert_memory_equal(rx->body, "a/b\0tok\0", 9);
	assert_int_equal(intf->rsp_cons, n);
}

static void rx_wraps_2_32(void **state)
{
	char m[256], body[200];
	size_t n;

	memset(body, 'q', sizeof(body));
	n = msg(m, XS_READ, 5, body, sizeof(body));
	set_rsp(0xffffffffu - 20);	/* header and body cross 2^32 */
	peer_put(m, n);
	assert_int_equal(xs_rx_pull(rx, intf), 1);
	assert_int_equal(rx->hdr.len, sizeof(body));
	assert_memory_equal(rx->body, body, sizeof(body));
	assert_int_equal(rx->body[sizeof(body)], '\0');
	assert_int_equal(intf->rsp_cons, (u32)(0xffffffffu - 20 + n));
}

static void rx_max_payload(void **state)
{
	static char body[XENSTORE_PAYLOAD_MAX];
	struct xsd_sockmsg h = { .type = XS_READ, .len = sizeof(body) };
	size_t off = 0, i;
	int ret = 0, rounds = 0;

	for (i = 0; i < sizeof(body); i++)
		body[i] = 'a' + i % 26;
	set_rsp(0xfffffe00u);
	peer_put(&h, sizeof(h));
	/* the peer refills the 1 KiB ring as we drain it */
	while (ret == 0 && rounds++ < 20) {
		size_t room = XENSTORE_RING_SIZE -
			      (intf->rsp_prod - intf->rsp_cons);
		size_t chunk = sizeof(body) - off < room ?
			       sizeof(body) - off : room;

		peer_put(body + off, chunk);
		off += chunk;
		ret = xs_rx_pull(rx, intf);
	}
	assert_int_equal(ret, 1);
	assert_memory_equal(rx->body, body, sizeof(body));
	assert_int_equal(rx->body[XENSTORE_PAYLOAD_MAX], '\0');
}

static void rx_bad_indices(void **state)
{
	intf->rsp_cons = 0;
	intf->rsp_prod = 2000;
	assert_int_equal(xs_rx_pull(rx, intf), -EIO);
	/* also in the middle of a body */
	set_rsp(0);
	xs_rx_reset(rx);
	{
		char m[64];

		peer_put(m, msg(m, XS_READ, 1, "abcdef", 6) - 3);
		assert_int_equal(xs_rx_pull(rx, intf), 0);
		intf->rsp_prod = intf->rsp_cons - 1;
		assert_int_equal(xs_rx_pull(rx, intf), -EIO);
	}
}

static void rx_bad_header(void **state)
{
	struct xsd_sockmsg h = { .type = 99, .len = 4 };

	peer_put(&h, sizeof(h));
	peer_put("abcd", 4);
	assert_int_equal(xs_rx_pull(rx, intf), -EPROTO);
	/* the body was not taken; still broken when pulled again */
	assert_int_equal(intf->rsp_cons, sizeof(h));
	assert_int_equal(xs_rx_pull(rx, intf), -EPROTO);

	xs_rx_reset(rx);
	set_rsp(0);
	h.type = XS_READ;
	h.len = XENSTORE_PAYLOAD_MAX + 1;
	peer_put(&h, sizeof(h));
	assert_int_equal(xs_rx_pull(rx, intf), -E2BIG);
	assert_int_equal(intf->rsp_cons, sizeof(h));
}

static void rx_not_reset(void **state)
{
	rx->have = 100;
	rx->hdr.type = XS_READ;
	rx->hdr.len = 10;
	assert_int_equal(xs_rx_pull(rx, intf), -EINVAL);
}

/* ---- parsers ------------------------------------------------------------ */

static void error_names(void **state)
{
	static const struct { const char *s; int e; } t[] = {
		{ "EINVAL", EINVAL }, { "EACCES", EACCES },
		{ "EEXIST", EEXIST }, { "EISDIR", EISDIR },
		{ "ENOENT", ENOENT }, { "ENOMEM", ENOMEM },
		{ "ENOSPC", ENOSPC }, { "EIO", EIO },
		{ "ENOTEMPTY", ENOTEMPTY }, { "ENOSYS", ENOSYS },
		{ "EROFS", EROFS }, { "EBUSY", EBUSY },
		{ "EAGAIN", EAGAIN }, { "EISCONN", EISCONN },
		{ "E2BIG", E2BIG }, { "EPERM", EPERM },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		size_t n = strlen(t[i].s);

		assert_int_equal(xs_error_to_errno(t[i].s, n + 1), -t[i].e);
		assert_int_equal(xs_error_to_errno(t[i].s, n), -t[i].e);
	}
	assert_int_equal(EAGAIN, 11);
	assert_int_equal(EISCONN, 106);
	assert_int_equal(xs_error_to_errno("ENOENT", 5), -EIO);	/* cut */
	assert_int_equal(xs_error_to_errno("ENOENTX", 7), -EIO);
	assert_int_equal(xs_error_to_errno("EFOO", 5), -EIO);
	assert_int_equal(xs_error_to_errno("", 1), -EIO);
	assert_int_equal(xs_error_to_errno("x", 0), -EIO);
	assert_int_equal(xs_error_to_errno("EAGAIN\0junk", 11), -EAGAIN);
}

static void split_strings(void **state)
{
	const char *out[4] = { 0 };
	static const char dir[] = "a\0bb\0\0c";	/* + the array's NUL */

	assert_int_equal(xs_split_strings(dir, sizeof(dir), out, 4), 4);
	assert_string_equal(out[0], "a");
	assert_string_equal(out[1], "bb");
	assert_string_equal(out[2], "");
	assert_string_equal(out[3], "c");
	out[2] = NULL;
	assert_int_equal(xs_split_strings(dir, sizeof(dir), out, 2), 4);
	assert_null(out[2]);
	assert_int_equal(xs_split_strings(dir, sizeof(dir), NULL, 0), 4);
	assert_int_equal(xs_split_strings(dir, 0, out, 4), 0);
	assert_int_equal(xs_split_strings("", 1, out, 4), 1);
	assert_int_equal(xs_split_strings(dir, sizeof(dir) - 1, out, 4),
			 -EPROTO);
	assert_int_equal(xs_split_strings("abc", 3, out, 4), -EPROTO);
}

static void split_too_long(void **state)
{
	static char big[XENSTORE_PAYLOAD_MAX + 1];
	const char *out[1];

	assert_int_equal(xs_split_strings(big, sizeof(big) - 1, out, 1),
			 XENSTORE_PAYLOAD_MAX);
	assert_int_equal(xs_split_strings(big, sizeof(big), out, 1),
			 -EPROTO);
}

static void watch_event(void **state)
{
	const char *path = NULL, *token = NULL;

	assert_int_equal(xs_parse_watch_event("device/vbd\0tok1\0", 16,
					      &path, &token), 0);
	assert_string_equal(path, "device/vbd");
	assert_string_equal(token, "tok1");
	path = token = NULL;
	assert_int_equal(xs_parse_watch_event("device/vbd\0", 11, &path,
					      &token), -EPROTO);
	assert_int_equal(xs_parse_watch_event("a\0b\0c\0", 6, &path, &token),
			 -EPROTO);
	assert_int_equal(xs_parse_watch_event("a\0b", 3, &path, &token),
			 -EPROTO);
	assert_int_equal(xs_parse_watch_event("", 0, &path, &token),
			 -EPROTO);
	assert_null(path);
	assert_null(token);
}

static void parse_uint(void **state)
{
	u64 v = 77;

	assert_int_equal(xs_parse_uint("123", 3, ~0ULL, &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(xs_parse_uint("0", 1, 0, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(xs_parse_uint("007", 3, 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(xs_parse_uint("42\0", 3, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(xs_parse_uint("12345", 3, ~0ULL, &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(xs_parse_uint("18446744073709551615", 20, ~0ULL,
				       &v), 0);
	assert_true(v == ~0ULL);
	assert_int_equal(xs_parse_uint("255", 3, 255, &v), 0);
	assert_int_equal(v, 255);

	v = 77;
	assert_int_equal(xs_parse_uint("", 0, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint("\0001", 2, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint("-1", 2, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint("+1", 2, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint(" 1", 2, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint("1 ", 2, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint("12a", 3, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint("0x10", 4, ~0ULL, &v), -EINVAL);
	assert_int_equal(xs_parse_uint("99999999999999999999x", 21, ~0ULL,
				       &v), -EINVAL);
	assert_int_equal(xs_parse_uint("18446744073709551616", 20, ~0ULL,
				       &v), -ERANGE);
	assert_int_equal(xs_parse_uint("99999999999999999999", 20, ~0ULL,
				       &v), -ERANGE);
	assert_int_equal(xs_parse_uint("256", 3, 255, &v), -ERANGE);
	assert_int_equal(xs_parse_uint("1", 1, 0, &v), -ERANGE);
	assert_int_equal(v, 77);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(put_basic),
		T(put_stops_when_full),
		T(put_wraps_index),
		T(put_bad_indices),
		T(get_basic_and_empty),
		T(get_wraps_index),
		T(get_full_ring),
		T(get_bad_indices),
		T(check_header),
		T(rx_whole_message),
		T(rx_empty_body),
		T(rx_byte_by_byte),
		T(rx_split_header_and_body),
		T(rx_two_messages),
		T(rx_wraps_2_32),
		T(rx_max_payload),
		T(rx_bad_indices),
		T(rx_bad_header),
		T(rx_not_reset),
		T(error_names),
		T(split_strings),
		T(split_too_long),
		T(watch_event),
		T(parse_uint),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
