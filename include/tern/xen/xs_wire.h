/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The xenstore wire, pure (drivers/xen/xs_wire.c): ring copies, message
 * assembly and reply parsing, with no hypercalls, no globals and no
 * allocation, so that the host tests (selftests/host/test_xs_wire.c) and
 * the libFuzzer harness (selftests/fuzz/fuzz_xs_wire.c) run exactly the
 * code the kernel runs.
 *
 * The ring page is shared with xenstored, which may be hostile or broken:
 * each function reads the peer's index once, checks that the distance
 * between producer and consumer is at most the ring size, and copies the
 * bytes out before looking at them. A message header is believed only
 * after xs_check_header(); a payload is never longer than
 * XENSTORE_PAYLOAD_MAX, and xs_rx always NUL-terminates what it holds.
 *
 * The caller serialises all calls on one page (one producer, one
 * consumer), and notifies the store event channel after xs_ring_put()
 * or xs_ring_get() returned > 0: these functions never do. Error names
 * come from the xsd_errors[] table of <xen/io/xs_wire.h>, which exists
 * only when EINVAL is defined first (<tern/types.h> does it, and holds
 * every errno that table names).
 */
#ifndef _TERN_XEN_XS_WIRE_H
#define _TERN_XEN_XS_WIRE_H

#include <tern/types.h>
#include <xen/io/xs_wire.h>

/*
 * Copy up to len bytes of data into the request ring (ours to produce):
 * the bytes, a write barrier, then req_prod. Returns the count copied
 * (0 when full), or -EIO when the indices are impossible
 * (req_prod - req_cons > XENSTORE_RING_SIZE).
 */
int xs_ring_put(struct xenstore_domain_interface *intf, const void *data,
		size_t len);

/*
 * Copy up to len bytes out of the response ring: rsp_prod read once, a
 * read barrier, the bytes, a full barrier, then rsp_cons. Returns the
 * count copied (0 when empty), or -EIO when the indices are impossible.
 */
int xs_ring_get(struct xenstore_domain_interface *intf, void *buf,
		size_t len);

/*
 * 0, or -EPROTO (type not a known XS_* value: >= XS_TYPE_COUNT, or the
 * removed XS_RESTRICT) / -E2BIG (len > XENSTORE_PAYLOAD_MAX).
 */
int xs_check_header(const struct xsd_sockmsg *h);

/* One message being assembled from the response ring. */
struct xs_rx {
	struct xsd_sockmsg hdr;
	u32 have;		/* bytes of header + body received */
	char body[XENSTORE_PAYLOAD_MAX + 1];	/* NUL at body[hdr.len] */
};

/* Empty rx (header zeroed, have 0, body ""); before the first pull too. */
void xs_rx_reset(struct xs_rx *rx);

/*
 * Pull bytes from the response ring into rx: 1 when rx holds a whole
 * message (header checked, body NUL-terminated at hdr.len; call
 * xs_rx_reset() before pulling the next), 0 when more bytes are needed
 * and the ring is empty, or a negative errno (-EIO bad indices, -EPROTO
 * or -E2BIG bad header): the connection is then broken. Bytes are taken
 * only up to the end of this message, never from the next one. Between
 * calls body holds the bytes received so far, NUL-terminated after them.
 * -EINVAL if rx is inconsistent (not reset: have beyond hdr.len).
 */
int xs_rx_pull(struct xs_rx *rx, struct xenstore_domain_interface *intf);

/*
 * The errno an XS_ERROR payload names ("ENOENT", NUL-terminated or not,
 * within len): a negative errno; -EIO for a name Tern does not know.
 */
int xs_error_to_errno(const char *payload, size_t len);

/*
 * Split a payload of NUL-terminated strings (an XS_DIRECTORY reply, a
 * watch event): store up to max pointers into payload in out and return
 * how many strings there are (which may exceed max; only max are
 * stored), or -EPROTO when the last string is not NUL-terminated or len
 * > XENSTORE_PAYLOAD_MAX. len 0 is zero strings; "\0" is one empty one.
 */
int xs_split_strings(const char *payload, size_t len, const char **out,
		     unsigned int max);

/*
 * An XS_WATCH_EVENT payload: exactly two NUL-terminated strings, path and
 * token. 0, or -EPROTO.
 */
int xs_parse_watch_event(const char *payload, size_t len, const char **path,
			 const char **token);

/*
 * A read reply that must be a decimal unsigned number (a ring-ref, a
 * state, sectors): 0 and *val, or -EINVAL (empty, not a number,
 * trailing junk) / -ERANGE (more than max). The number ends at len or at
 * the first NUL within len, whichever is first; only the digits 0-9 are
 * allowed (no sign, no space, no 0x); leading zeros are. *val is written
 * only on success. Junk wins over range: "99999999999999999999x" is
 * -EINVAL.
 */
int xs_parse_uint(const char *s, size_t len, u64 max, u64 *val);

#endif
