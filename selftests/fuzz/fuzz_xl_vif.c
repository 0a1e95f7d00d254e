// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the xl vif spec parser and the default MAC (lib/xl_vif.c). The
 * input is the spec, copied into a heap object of exactly its size plus
 * the NUL (ASan sees any byte read past it); a NUL inside it ends the
 * spec, as in C.
 *
 * Checked for every input: the result is 0 or -EINVAL; the message is
 * empty exactly on success, else printable ASCII, NUL-terminated in its
 * buffer and never cut short by XL_VIF_ERR_MAX; with a short buffer (or
 * none) the result is the same and the short message a prefix of the
 * long one; after an error *out is all zero. After a success: the bridge
 * is a valid name and the ip printable, without a comma or a blank at
 * either end, both zero after their NUL; the mtu and devid are in range
 * (devid 0 when unset); a mac is unicast and not zero (zero when unset).
 * Differential: the spec between two commas gives the same result; the
 * vif written back as a canonical spec parses into the same struct, byte
 * for byte. The input as a guest name (and its size as the devid) gets a
 * default MAC in 00:16:3e:00:00:00-7f:ff:ff, the same again, which
 * xl_vif_format_mac() writes and xl_vif_parse() reads back.
 */
#include <tern/xl_vif.h>

#include "fuzz.h"

static struct xl_vif vif, again;
static char err[XL_VIF_ERR_MAX], err2[XL_VIF_ERR_MAX];

static void check_msg(const char *m, size_t size, int ret)
{
	size_t n = strnlen(m, size), i;

	FUZZ_CHECK(n < size);
	FUZZ_CHECK(!ret == !n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(m[i] >= 0x20 && m[i] < 0x7f);
}

static bool all_zero(const void *p, size_t size)
{
	const u8 *b = p;

	while (size--)
		if (*b++)
			return false;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

static void check_vif(const struct xl_vif *v)
{
	size_t n, i;

	FUZZ_CHECK(fuzz_zero_after(v->bridge, sizeof(v->bridge)));
	n = strlen(v->bridge);
	FUZZ_CHECK(n >= 1 && n <= 15);
	FUZZ_CHECK(strcmp(v->bridge, ".") && strcmp(v->bridge, ".."));
	for (i = 0; i < n; i++) {
		char c = v->bridge[i];

		FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			   (c >= 'A' && c <= 'Z') || c == '.' || c == '_' ||
			   c == '-');
	}

	FUZZ_CHECK(fuzz_zero_after(v->ip, sizeof(v->ip)));
	n = strlen(v->ip);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(v->ip[i] >= 0x20 && v->ip[i] < 0x7f &&
			   v->ip[i] != ',');
	FUZZ_CHECK(!n || (!is_blank(v->ip[0]) && !is_blank(v->ip[n - 1])));

	FUZZ_CHECK(v->mtu >= XL_VIF_MTU_MIN && v->mtu <= XL_VIF_MTU_MAX);
	FUZZ_CHECK(v->has_devid ? v->devid <= XL_VIF_DEVID_MAX : !v->devid);
	if (v->has_mac)
		FUZZ_CHECK(!(v->mac[0] & 1) && !all_zero(v->mac, 6));
	else
		FUZZ_CHECK(all_zero(v->mac, 6));
}

/* the canonical spec of v */
static void canonical(const struct xl_vif *v, char *buf, size_t size)
{
	char mac[XL_VIF_MAC_STR_MAX], devid[20] = "";
	int n;

	FUZZ_CHECK(!xl_vif_format_mac(v->mac, mac, sizeof(mac)));
	if (v->has_devid)
		snprintf(devid, sizeof(devid), ",devid=%u", v->devid);
	n = snprintf(buf, size, "%s%s,bridge=%s,mtu=%u%s,ip=%s",
		     v->has_mac ? "mac=" : "", v->has_mac ? mac : "",
		     v->bridge, v->mtu, devid, v->ip);
	FUZZ_CHECK(n > 0 && (size_t)n < size && (size_t)n < XL_VIF_SPEC_MAX);
}

static void check_default_mac(const char *name, u32 devid)
{
	char text[XL_VIF_MAC_STR_MAX], spec[32];
	u8 mac[6], mac2[6];

	xl_vif_default_mac(name, devid, mac);
	FUZZ_CHECK(mac[0] == 0x00 && mac[1] == 0x16 && mac[2] == 0x3e &&
		   !(mac[3] & 0x80));
	xl_vif_default_mac(name, devid, mac2);
	FUZZ_CHECK(!memcmp(mac, mac2, 6));
	FUZZ_CHECK(!xl_vif_format_mac(mac, text, sizeof(text)));
	FUZZ_CHECK(strlen(text) == 17);
	snprintf(spec, sizeof(spec), "mac=%s", text);
	FUZZ_CHECK(!xl_vif_parse(spec, &again, NULL, 0));
	FUZZ_CHECK(again.has_mac && !memcmp(again.mac, mac, 6));
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static char text[2 * XL_VIF_SPEC_MAX];
	char *s = malloc(size + 1), small[9];
	int ret;

	FUZZ_CHECK(s);
	memcpy(s, data, size);
	s[size] = '\0';

	check_default_mac(s, size);

	ret = xl_vif_parse(s, &vif, err, sizeof(err));
	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	check_msg(err, sizeof(err), ret);
	/* XL_VIF_ERR_MAX holds every message whole */
	FUZZ_CHECK(strlen(err) < sizeof(err) - 1);
	FUZZ_CHECK(xl_vif_parse(s, &again, small, sizeof(small)) == ret);
	check_msg(small, sizeof(small), ret);
	FUZZ_CHECK(!strncmp(small, err, strlen(small)));
	FUZZ_CHECK(xl_vif_parse(s, &again, NULL, 0) == ret);

	/* empty parts around it change nothing */
	if (strnlen(s, XL_VIF_SPEC_MAX) + 2 < XL_VIF_SPEC_MAX) {
		snprintf(text, sizeof(text), ",%s,", s);
		FUZZ_CHECK(xl_vif_parse(text, &again, NULL, 0) == ret);
		FUZZ_CHECK(!memcmp(&vif, &again, sizeof(vif)));
	}
	free(s);
	if (ret) {
		FUZZ_CHECK(all_zero(&vif, sizeof(vif)));
		return 0;
	}

	check_vif(&vif);
	canonical(&vif, text, sizeof(text));
	ret = xl_vif_parse(text, &again, err2, sizeof(err2));
	if (ret)
		fprintf(stderr, "canonical `%s`: %s\n", text, err2);
	FUZZ_CHECK(!ret);
	FUZZ_CHECK(!memcmp(&vif, &again, sizeof(vif)));
	return 0;
}
