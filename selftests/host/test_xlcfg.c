// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests for lib/xlcfg.c: Xen's own example configs and the kind a
 * Debian user writes, the command line xl builds from cmdline, root and
 * extra, every default, the corners of libxlu's syntax (quotes, escapes,
 * numbers, lists, "+=", comments), and each diagnostic with its line.
 * The expected values come from xl.cfg(5), xl_parse.c and libxlu.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <tern/xlcfg.h>

static struct xl_domain_cfg cfg;
static struct xl_diags d;

#define MIN "name = \"g\"\nkernel = \"/k\"\n"

static void show(const char *text)
{
	u32 i;

	fprintf(stderr, "--- config:\n%s\n--- %u messages, %u errors:\n",
		text, d.nr, d.errors);
	for (i = 0; i < d.nr; i++)
		fprintf(stderr, "cfg:%u:%u: %s%s\n", d.d[i].line, d.d[i].col,
			d.d[i].error ? "" : "warning: ", d.d[i].msg);
}

static int parse(const char *text)
{
	return xl_cfg_parse(text, strlen(text), &cfg, &d);
}

static void ok(const char *text)
{
	if (parse(text) || d.errors) {
		show(text);
		fail();
	}
}

/* The first message is an error on line, with msg in it. */
static void fails(const char *text, u32 line, const char *msg)
{
	if (parse(text) != -EINVAL || !d.nr || !d.errors ||
	    !d.d[0].error || d.d[0].line != line ||
	    !strstr(d.d[0].msg, msg)) {
		fprintf(stderr, "wanted line %u: %s\n", line, msg);
		show(text);
		fail();
	}
}

/* Xen 4.17's tools/examples/xlexample.pvlinux, as shipped */
static const char pvlinux[] =
"# =====================================================================\n"
"# Example PV Linux guest configuration\n"
"# =====================================================================\n"
"#\n"
"# This is a fairly minimal example of what is required for a\n"
"# Paravirtualised Linux guest. For a more complete guide see xl.cfg(5)\n"
"\n"
"# Guest name\n"
"name = \"example.pvlinux\"\n"
"\n"
"# 128-bit UUID for the domain as a hexadecimal number.\n"
"# Use \"uuidgen\" to generate one if required.\n"
"# The default behavior is to generate a new UUID each time the guest is started.\n"
"#uuid = \"XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX\"\n"
"\n"
"# Kernel image to boot\n"
"kernel = \"/boot/vmlinuz\"\n"
"\n"
"# Ramdisk (optional)\n"
"#ramdisk = \"/boot/initrd.gz\"\n"
"\n"
"# Kernel command line options\n"
"extra = \"root=/dev/xvda1\"\n"
"\n"
"# Initial memory allocation (MB)\n"
"memory = 128\n"
"\n"
"# Maximum memory (MB)\n"
"# If this is greater than `memory' then the slack will start ballooned\n"
"# (this assumes guest kernel support for ballooning)\n"
"#maxmem = 512\n"
"\n"
"# Number of VCPUS\n"
"vcpus = 2\n"
"\n"
"# Network devices\n"
"# A list of 'vifspec' entries as described in\n"
"# docs/misc/xl-network-configuration.markdown\n"
"vif = [ '' ]\n"
"\n"
"# Disk Devices\n"
"# A list of `diskspec' entries as described in\n"
"# docs/misc/xl-disk-configuration.txt\n"
"disk = [ '/dev/vg/guest-volume,raw,xvda,rw' ]\n";

static void xen_example_pv(void **state)
{
	ok(pvlinux);
	assert_int_equal(d.nr, 0);
	assert_string_equal(cfg.name, "example.pvlinux");
	assert_int_equal(cfg.type, XL_TYPE_PV);
	assert_string_equal(cfg.kernel, "/boot/vmlinuz");
	assert_string_equal(cfg.ramdisk, "");
	assert_string_equal(cfg.cmdline, "root=/dev/xvda1");
	assert_int_equal(cfg.memory_mib, 128);
	assert_int_equal(cfg.maxmem_mib, 128);
	assert_int_equal(cfg.vcpus, 2);
	assert_int_equal(cfg.maxvcpus, 2);
	assert_int_equal(cfg.nr_vifs, 1);
	assert_string_equal(cfg.vifs[0], "");
	assert_int_equal(cfg.nr_disks, 1);
	assert_string_equal(cfg.disks[0], "/dev/vg/guest-volume,raw,xvda,rw");
	assert_int_equal(cfg.on_poweroff, XL_ACTION_DESTROY);
	assert_int_equal(cfg.on_reboot, XL_ACTION_RESTART);
	assert_int_equal(cfg.on_crash, XL_ACTION_DESTROY);
}

/* The body of xlexample.pvhlinux (its comments are pvlinux's) */
static void xen_example_pvh(void **state)
{
	ok("# This configures a PVH rather than PV guest\n"
	   "type = \"pvh\"\n"
	   "\n"
	   "# Guest name\n"
	   "name = \"example.pvhlinux\"\n"
	   "kernel = \"/boot/vmlinuz\"\n"
	   "#ramdisk = \"/boot/initrd.gz\"\n"
	   "extra = \"root=/dev/xvda1\"\n"
	   "memory = 512\n"
	   "vcpus = 4\n"
	   "vif = [ '' ]\n"
	   "disk = [ '/dev/zvol/tank/guest-volume,raw,xvda,rw' ]\n");
	assert_int_equal(cfg.type, XL_TYPE_PVH);
	assert_int_equal(cfg.memory_mib, 512);
	assert_int_equal(cfg.maxmem_mib, 512);
	assert_int_equal(cfg.vcpus, 4);
	assert_int_equal(cfg.maxvcpus, 4);
}

static const char debian[] =
"#  -*- mode: python; -*-\n"
"#\n"
"# web01, made by hand from xen-tools' template\n"
"name        = 'web01'\n"
"kernel      = \"/boot/vmlinuz-6.1.0-18-amd64\"   # the guest's kernel\n"
"ramdisk     = '/boot/initrd.img-6.1.0-18-amd64'\n"
"root        = \"/dev/xvda1 ro\"\n"
"extra       = \"console=hvc0\"\t# xen console\n"
"memory      = '512'\n"
"maxmem      = 1024\n"
"vcpus       = 2 ; maxvcpus = 4\n"
"disk        = [\n"
"                  'phy:/dev/vg0/web01-disk,xvda1,w',\n"
"                  # swap\n"
"                  \"phy:/dev/vg0/web01-swap,xvda2,w\",\n"
"              ]\n"
"vif         = [ 'mac=00:16:3E:00:00:01,bridge=xenbr0' ]\n"
"\n"
"on_poweroff = 'destroy'\n"
"on_reboot   = 'restart'\n"
"on_crash    = \"coredump-restart\"\n";

static void debian_user(void **state)
{
	ok(debian);
	assert_int_equal(d.nr, 0);
	assert_string_equal(cfg.name, "web01");
	assert_string_equal(cfg.kernel, "/boot/vmlinuz-6.1.0-18-amd64");
	assert_string_equal(cfg.ramdisk, "/boot/initrd.img-6.1.0-18-amd64");
	assert_string_equal(cfg.cmdline, "root=/dev/xvda1 ro console=hvc0");
	assert_string_equal(cfg.root, "/dev/xvda1 ro");
	assert_string_equal(cfg.extra, "console=hvc0");
	assert_int_equal(cfg.memory_mib, 512);
	assert_int_equal(cfg.maxmem_mib, 1024);
	assert_int_equal(cfg.vcpus, 2);
	assert_int_equal(cfg.maxvcpus, 4);
	assert_int_equal(cfg.nr_disks, 2);
	assert_string_equal(cfg.disks[0], "phy:/dev/vg0/web01-disk,xvda1,w");
	assert_string_equal(cfg.disks[1], "phy:/dev/vg0/web01-swap,xvda2,w");
	assert_int_equal(cfg.nr_vifs, 1);
	assert_string_equal(cfg.vifs[0], "mac=00:16:3E:00:00:01,bridge=xenbr0");
	assert_int_equal(cfg.on_crash, XL_ACTION_COREDUMP_RESTART);
}

static void defaults(void **state)
{
	static const char zero[XL_DEV_SPEC_MAX];

	ok(MIN);
	assert_int_equal(d.nr, 0);
	assert_int_equal(cfg.type, XL_TYPE_PV);
	assert_string_equal(cfg.cmdline, "");
	assert_string_equal(cfg.ramdisk, "");
	assert_int_equal(cfg.memory_mib, 32);
	assert_int_equal(cfg.maxmem_mib, 32);
	assert_int_equal(cfg.vcpus, 1);
	assert_int_equal(cfg.maxvcpus, 1);
	assert_int_equal(cfg.on_poweroff, XL_ACTION_DESTROY);
	assert_int_equal(cfg.on_reboot, XL_ACTION_RESTART);
	assert_int_equal(cfg.on_crash, XL_ACTION_DESTROY);
	assert_int_equal(cfg.nr_disks, 0);
	assert_int_equal(cfg.nr_vifs, 0);
	assert_memory_equal(cfg.disks[0], zero, sizeof(zero));

	/* memory alone: maxmem follows; maxmem alone: memory follows */
	ok(MIN "memory = 300\n");
	assert_int_equal(cfg.memory_mib, 300);
	assert_int_equal(cfg.maxmem_mib, 300);
	ok(MIN "maxmem = 700\n");
	assert_int_equal(cfg.memory_mib, 700);
	assert_int_equal(cfg.maxmem_mib, 700);
	ok(MIN "memory = 256\nmaxmem = 256\n");
	/* vcpus 0 is 1; maxvcpus 0 is vcpus */
	ok(MIN "vcpus = 0\n");
	assert_int_equal(cfg.vcpus, 1);
	assert_int_equal(cfg.maxvcpus, 1);
	ok(MIN "vcpus = 3\nmaxvcpus = 0\n");
	assert_int_equal(cfg.maxvcpus, 3);
	ok(MIN "maxvcpus = 128\n");
	assert_int_equal(cfg.vcpus, 1);
	assert_int_equal(cfg.maxvcpus, 128);
	/* "" ramdisk is none (libxl loads one if the path has a length) */
	ok(MIN "ramdisk = ''\n");
	assert_string_equal(cfg.ramdisk, "");
}

static void composition(void **state)
{
	ok(MIN "cmdline = \"console=hvc0 root=/dev/xvda\"\n");
	assert_string_equal(cfg.cmdline, "console=hvc0 root=/dev/xvda");
	ok(MIN "root = \"/dev/xvda1 ro\"\n");
	assert_string_equal(cfg.cmdline, "root=/dev/xvda1 ro");
	ok(MIN "extra = \"console=hvc0\"\n");
	assert_string_equal(cfg.cmdline, "console=hvc0");
	ok(MIN "extra = \"console=hvc0 quiet\"\nroot = '/dev/xvda1'\n");
	assert_string_equal(cfg.cmdline, "root=/dev/xvda1 console=hvc0 quiet");
	/* empty values count as set */
	ok(MIN "root = \"\"\nextra = \"\"\n");
	assert_string_equal(cfg.cmdline, "root= ");
	ok(MIN "root = \"\"\n");
	assert_string_equal(cfg.cmdline, "root=");
	/* cmdline wins, with xl's warning */
	assert_int_equal(parse(MIN "root = 'r'\ncmdline = 'c'\nextra = 'e'\n"),
			 0);
	assert_string_equal(cfg.cmdline, "c");
	assert_int_equal(d.nr, 1);
	assert_int_equal(d.errors, 0);
	assert_false(d.d[0].error);
	assert_int_equal(d.d[0].line, 4);
	assert_non_null(strstr(d.d[0].msg, "in favour of cmdline"));
	assert_int_equal(parse(MIN "cmdline = ''\nextra = 'e'\n"), 0);
	assert_string_equal(cfg.cmdline, "");
	assert_int_equal(d.nr, 1);
	/* += builds a command line in pieces */
	ok(MIN "extra = 'console=hvc0'\nextra += ' quiet'\nextra += \" \"\n");
	assert_string_equal(cfg.cmdline, "console=hvc0 quiet ");
}

static void types(void **state)
{
	static const char *const pv[] = { "pv", "p" };
	static const char *const hvm[] = { "hvm", "hv", "h", "" };
	char text[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pv); i++) {
		snprintf(text, sizeof(text), MIN "type = '%s'\n", pv[i]);
		ok(text);
		assert_int_equal(cfg.type, XL_TYPE_PV);
	}
	ok(MIN "type = 'pvh'\n");
	assert_int_equal(cfg.type, XL_TYPE_PVH);
	for (i = 0; i < ARRAY_SIZE(hvm); i++) {
		snprintf(text, sizeof(text), MIN "type = '%s'\n", hvm[i]);
		fails(text, 3, "HVM guests are not supported");
	}
	fails(MIN "type = 'pvhx'\n", 3, "invalid domain type `pvhx`");
	fails(MIN "type = 'PV'\n", 3, "invalid domain type");
	fails(MIN "type = 'pv '\n", 3, "invalid domain type");
	fails(MIN "type = ['pv']\n", 3, "type must be a single value");
	/* the deprecated builder */
	ok(MIN "builder = 'generic'\n");
	assert_int_equal(cfg.type, XL_TYPE_PV);
	ok(MIN "builder = 'gen'\ntype = 'pv'\n");
	fails(MIN "builder = 'hvm'\n", 3, "HVM guests are not supported");
	fails(MIN "builder = 'linux'\n", 3, "invalid builder");
	fails(MIN "type = 'pvh'\nbuilder = 'generic'\n", 4, "contradicting");
	fails(MIN "type = 'hvm'\nbuilder = 'hvm'\n", 3, "HVM");
}

static void numbers(void **state)
{
	/* strtol(s, &end, 0) over the whole value */
	ok(MIN "memory = 0x200\n");
	assert_int_equal(cfg.memory_mib, 512);
	ok(MIN "memory = 010\n");
	assert_int_equal(cfg.memory_mib, 8);
	ok(MIN "memory = \" 64\"\n");
	assert_int_equal(cfg.memory_mib, 64);
	ok(MIN "memory = \"+64\"\n");
	assert_int_equal(cfg.memory_mib, 64);
	ok(MIN "memory = '0X1F'\n");
	assert_int_equal(cfg.memory_mib, 31);
	ok(MIN "memory = 16777216\n");
	assert_int_equal(cfg.memory_mib, 16777216);
	ok(MIN "vcpus = 0000000000000000000000000000002\n");
	assert_int_equal(cfg.vcpus, 2);

	fails(MIN "memory = \"64 \"\n", 3, "memory must be a number");
	fails(MIN "memory = 1e3\n", 3, "memory must be a number");
	fails(MIN "memory = 0x\n", 3, "memory must be a number");
	fails(MIN "memory = 08\n", 3, "memory must be a number");
	fails(MIN "memory = ''\n", 3, "memory must be a number");
	fails(MIN "memory = 'lots'\n", 3, "memory must be a number");
	fails(MIN "memory = 0\n", 3, "memory must be 1 to 16777216");
	fails(MIN "memory = 16777217\n", 3, "memory must be 1 to");
	fails(MIN "memory = '-512'\n", 3, "memory must be 1 to");
	fails(MIN "maxmem = 0\n", 3, "maxmem must be 1 to");
	fails(MIN "memory = 99999999999999999999\n", 3, "out of range");
	fails(MIN "memory = '-9223372036854775809'\n", 3, "out of range");
	fails(MIN "memory = 9223372036854775807\n", 3, "must be 1 to");
	fails(MIN "vcpus = 00000000000000000000000000000002\n", 3,
	      "longer than 31");
	fails(MIN "memory = [ 5 ]\n", 3, "must be a single value");
	/* these are not numbers to the lexer either */
	fails(MIN "memory = 1.5\n", 3, "unexpected character `.`");
	fails(MIN "memory = -1\n", 3, "unexpected character `-`");
	fails(MIN "memory = 0x1F\n", 3, "unexpected character `F`");
	/* memory and maxmem agree */
	fails(MIN "memory = 1024\nmaxmem = 512\n", 4,
	      "maxmem (512 MiB) is less than memory (1024 MiB)");
	/* vcpus */
	fails(MIN "vcpus = 129\n", 3, "vcpus must be 0 to 128");
	fails(MIN "vcpus = '-1'\n", 3, "vcpus must be 0 to 128");
	fails(MIN "maxvcpus = 129\n", 3, "maxvcpus must be 0 to 128");
	fails(MIN "vcpus = 4\nmaxvcpus = 2\n", 4,
	      "maxvcpus (2) is less than vcpus (4)");
	/* xl refuses += on numbers */
	fails(MIN "memory = 5\nmemory += 12\n", 4, "can't use += with numbers");
	fails(MIN "vcpus += 2\n", 3, "can't use += with numbers");
}

static void names(void **state)
{
	char text[512];

	ok("name = 'a.b_c-D9'\nkernel = '/k'\n");
	ok("name = 'x123456789012345678901234567890123456789012345678901234567890ab'\nkernel = '/k'\n");
	assert_int_equal(strlen(cfg.name), 63);
	fails("name = 'x1234567890123456789012345678901234567890123456789012345678901ab'\nkernel = '/k'\n",
	      1, "name is longer than 63 bytes");
	fails("kernel = '/k'\n", 0, "name must be specified");
	fails("kernel = '/k'\nname = ''\n", 2, "name is empty");
	fails("kernel = '/k'\nname = '1234'\n", 2, "all digits");
	fails("kernel = '/k'\nname = 1234\n", 2, "all digits");
	fails("kernel = '/k'\nname = 'my guest'\n", 2, "name may only have");
	fails("kernel = '/k'\nname = 'a/b'\n", 2, "name may only have");
	fails("kernel = '/k'\nname = 'caf\xc3\xa9'\n", 2, "name may only");
	/* a number token is a string to string keys */
	ok("name = 'g'\nkernel = 0\n");
	assert_string_equal(cfg.kernel, "0");
	snprintf(text, sizeof(text), "name = 'g'\nkernel = '/%0254d'\n", 0);
	ok(text);
	snprintf(text, sizeof(text), "name = 'g'\nkernel = '/%0255d'\n", 0);
	fails(text, 2, "kernel is longer than 255 bytes");
	fails("name = 'g'\n", 0, "kernel must be specified");
	fails("name = 'g'\nkernel = ''\n", 2, "kernel is empty");
	fails(MIN "ramdisk = ['a']\n", 3, "ramdisk must be a single value");
}

static void actions(void **state)
{
	static const char *const names[] = {
		NULL, "destroy", "restart", "rename-restart", "preserve",
		"coredump-destroy", "coredump-restart", "soft-reset" };
	char text[128];
	unsigned int i;

	for (i = 1; i < ARRAY_SIZE(names); i++) {
		snprintf(text, sizeof(text),
			 MIN "on_poweroff = '%s'\non_reboot = '%s'\non_crash = '%s'\n",
			 names[i], names[i], names[i]);
		ok(text);
		assert_int_equal(cfg.on_poweroff, i);
		assert_int_equal(cfg.on_reboot, i);
		assert_int_equal(cfg.on_crash, i);
		assert_string_equal(xl_action_name(i), names[i]);
	}
	assert_null(xl_action_name(0));
	assert_null(xl_action_name(8));
	fails(MIN "on_crash = 'reboot'\n", 3,
	      "unknown on_crash action `reboot`");
	fails(MIN "on_reboot = 'Restart'\n", 3, "unknown on_reboot action");
	fails(MIN "on_poweroff = 'destroy-and-then-some-more-words'\n", 3,
	      "unknown on_poweroff action `destroy-and-then-some-m`");
	fails(MIN "on_poweroff = '\x1b[2J'\n", 3,
	      "unknown on_poweroff action `?[2J`");
	/* known to xl, not to Tern */
	fails(MIN "on_watchdog = 'destroy'\n", 3,
	      "unknown key `on_watchdog` (an xl key Tern does not support yet)");
}

static void devices(void **state)
{
	char text[4096];
	int n;

	ok(MIN "disk = []\nvif = [\n]\n");
	assert_int_equal(cfg.nr_disks, 0);
	assert_int_equal(cfg.nr_vifs, 0);
	ok(MIN "disk = ['a', 'b',]\ndisk += ['c']\n");
	assert_int_equal(cfg.nr_disks, 3);
	assert_string_equal(cfg.disks[2], "c");
	/* a later setting replaces the list, leaving nothing behind */
	ok(MIN "disk = ['a', 'b']\ndisk = [ 'c' ]\n");
	assert_int_equal(cfg.nr_disks, 1);
	assert_string_equal(cfg.disks[0], "c");
	assert_int_equal(cfg.disks[1][0], 0);
	ok(MIN "vif = [ 1, 'bridge=xenbr0' ]\n");
	assert_string_equal(cfg.vifs[0], "1");
	ok(MIN "disk = [ 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' ]\n");
	assert_int_equal(cfg.nr_disks, XL_DEV_MAX);
	fails(MIN "disk = [ 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i' ]\n",
	      3, "more than 8 disk entries");
	fails(MIN "disk = [ 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' ]\ndisk += ['i']\n",
	      4, "more than 8 disk entries");
	/* the value of a replaced setting does not matter */
	ok(MIN "disk = [ 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i' ]\ndisk = []\n");
	fails(MIN "vif = 'bridge=xenbr0'\n", 3, "vif must be a list");
	fails(MIN "vif = [ [ 'bridge=xenbr0' ] ]\n", 3,
	      "vif entries must be strings");
	n = snprintf(text, sizeof(text), MIN "disk = [ '%0255d' ]\n", 0);
	assert_true(n < (int)sizeof(text));
	ok(text);
	snprintf(text, sizeof(text), MIN "disk = [ '%0256d' ]\n", 0);
	fails(text, 3, "a disk entry is longer than 255 bytes");
	/* string += list and list += string: a parse error in libxlu */
	fails(MIN "disk = ['a']\ndisk += 'b'\n", 4,
	      "can't add a list to a string or a string to a list");
	fails(MIN "extra = 'a'\nextra += ['b']\n", 4, "can't add");
}

static void syntax(void **state)
{
	/* ';' ends settings too; the last one may end the file */
	ok("name='g';kernel='/k';;memory=64");
	assert_int_equal(cfg.memory_mib, 64);
	/* blank lines, of spaces and tabs too */
	ok(";\n\n\x20\x20\t\n" MIN "\t\x20\n# the end\n");
	/* quotes: the other kind inside, and escapes */
	ok(MIN "extra = \"it's \\\"quoted\\\"\"\n");
	assert_string_equal(cfg.cmdline, "it's \"quoted\"");
	ok(MIN "extra = 'say \"hi\" \\'x\\''\n");
	assert_string_equal(cfg.cmdline, "say \"hi\" 'x'");
	ok(MIN "extra = '\\a\\b\\f\\n\\r\\t\\v\\\\'\n");
	assert_string_equal(cfg.cmdline, "\a\b\f\n\r\t\v\\");
	/* a raw tab and '#' in a string are the string's */
	ok(MIN "extra = 'a\tb # not a comment'\n");
	assert_string_equal(cfg.cmdline, "a\tb # not a comment");
	/* libxlu's octal escapes make nothing */
	ok(MIN "extra = 'a\\012b'\n");
	assert_string_equal(cfg.cmdline, "ab");
	ok(MIN "extra = 'a\\7 9b\\0-1c'\n");
	assert_string_equal(cfg.cmdline, "abc");
	fails(MIN "extra = 'a\\01'\n", 3, "invalid octal escape");
	fails(MIN "extra = 'a\\0'\n", 3, "invalid octal escape");
	fails(MIN "extra = 'a\\8'\n", 3, "invalid character after a backslash");
	fails(MIN "extra = '\\x41'\n", 3, "xl rejects \\x escapes");
	fails(MIN "extra = '\\q'\n", 3, "invalid character after a backslash");
	/* lists over lines, with comments, nested, trailing comma */
	ok(MIN "disk = [ # first\n\n 'a' # the a\n , 'b'\n ,\n ]\n");
	assert_int_equal(cfg.nr_disks, 2);
	/* duplicate keys: the last wins */
	ok(MIN "memory = 100\nmemory = 200\nname = 'h'\n");
	assert_int_equal(cfg.memory_mib, 200);
	assert_string_equal(cfg.name, "h");
	/* and a bad value replaced is no error, as in xl */
	ok(MIN "memory = 'lots'\nmemory = 200\n");
	ok("name = '1234'\n" MIN);
}

static void syntax_errors(void **state)
{
	char text[8192];
	size_t i;

	fails(MIN "memory 64\n", 3, "expected '=' or '+=' after the key");
	fails(MIN "memory =\n", 3, "expected a value");
	fails(MIN "memory = 64 64\n", 3, "expected the end of the line");
	fails(MIN "= 64\n", 3, "expected a key, found '='");
	fails(MIN "64\n", 3, "expected a key, found a number");
	fails(MIN "'x' = 64\n", 3, "expected a key, found a string");
	fails(MIN "memory = pv\n", 3, "expected a value");
	fails(MIN "Memory = 64\n", 3, "unexpected character `M` (keys are lower case");
	fails(MIN "_x = 64\n", 3, "unexpected character `_`");
	fails(MIN "extra = 'abc\n", 3, "unterminated string");
	fails(MIN "extra = \"abc'\nmemory = 5\n", 3, "unterminated string");
	fails(MIN "extra = 'abc\\\n'\n", 3, "unterminated string");
	fails(MIN "extra = 'abc", 3, "unterminated string");
	fails(MIN "memory = 64 # no newline", 3,
	      "a comment on the last line needs a newline");
	fails("name = 'g'\r\nkernel = '/k'\r\n", 1, "carriage return");
	fails(MIN "disk = [ 'a' 'b' ]\n", 3, "expected ',' or ']' in a list");
	fails(MIN "disk = [ , ]\n", 3, "expected a value or ']'");
	fails(MIN "disk = [ 'a',, ]\n", 3, "expected a value or ']'");
	fails(MIN "disk = [ 'a',\nmemory = 512\n", 4,
	      "expected a value or ']', found a word");
	fails(MIN "disk = [ 'a'\nmemory = 512\n", 4,
	      "expected ',' or ']' in a list, found a word");
	fails(MIN "\ndisk = [ 'a',\n 'b'\n", 4,
	      "list not closed before the end of the file");
	assert_int_equal(d.d[0].col, 8);
	fails(MIN "disk =\n[ 'a' ]\n", 3, "expected a value");
	fails(MIN "x = [[[[[[[[1]]]]]]]]\n", 3, "unknown key `x`");
	assert_int_equal(d.errors, 1);
	fails(MIN "x = [[[[[[[[[1]]]]]]]]]\n", 3, "unknown key `x`");
	assert_int_equal(d.nr, 2);
	assert_non_null(strstr(d.d[1].msg, "lists nested more than 8 deep"));
	assert_int_equal(d.d[1].col, 13);

	/* errors on several lines: each reported, with its line */
	assert_int_equal(parse("name = 'g'\nfoo = 1\nkernel = '/k'\n"
			       "memory = 'x\nbar = [\n"), -EINVAL);
	assert_int_equal(d.nr, 4);
	assert_int_equal(d.errors, 4);
	assert_int_equal(d.d[0].line, 2);
	assert_int_equal(d.d[0].col, 1);
	assert_string_equal(d.d[0].msg, "unknown key `foo`");
	assert_int_equal(d.d[1].line, 4);
	assert_int_equal(d.d[1].col, 10);
	assert_string_equal(d.d[1].msg, "unterminated string");
	assert_int_equal(d.d[2].line, 5);
	assert_int_equal(d.d[3].line, 5);
	assert_int_equal(d.d[3].col, 7);
	assert_non_null(strstr(d.d[3].msg, "not closed"));

	/* at most XL_DIAG_MAX kept, all counted */
	text[0] = '\0';
	for (i = 0; i < 12; i++)
		strcat(text, "x = 1\n");
	fails(text, 1, "unknown key");
	assert_int_equal(d.nr, XL_DIAG_MAX);
	/* and name and kernel are missing */
	assert_int_equal(d.dropped, 6);
	assert_int_equal(d.errors, 14);
	assert_int_equal(d.d[7].line, 8);

	/* NUL bytes: in a string, a comment, elsewhere */
	memcpy(text, MIN "extra = 'a\0b'\n", sizeof(MIN) + 13);
	assert_int_equal(xl_cfg_parse(text, sizeof(MIN) + 13, &cfg, &d),
			 -EINVAL);
	assert_string_equal(d.d[0].msg, "NUL byte in a string");
	assert_int_equal(d.d[0].col, 11);
	memcpy(text, MIN "# a\0b\n", sizeof(MIN) + 5);
	assert_int_equal(xl_cfg_parse(text, sizeof(MIN) + 5, &cfg, &d), 0);
	memcpy(text, MIN "\0\n", sizeof(MIN) + 1);
	assert_int_equal(xl_cfg_parse(text, sizeof(MIN) + 1, &cfg, &d),
			 -EINVAL);
	assert_string_equal(d.d[0].msg, "unexpected NUL byte");
	assert_int_equal(xl_cfg_parse(MIN "\x80\n", sizeof(MIN) + 1, &cfg,
				      &d), -EINVAL);
	assert_string_equal(d.d[0].msg, "unexpected control or non-ASCII byte");
	/* no diags wanted */
	assert_int_equal(xl_cfg_parse("x", 1, &cfg, NULL), -EINVAL);
	assert_int_equal(xl_cfg_parse(MIN, strlen(MIN), &cfg, NULL), 0);
}

static void unknown_keys(void **state)
{
	fails(MIN "cpus = 'all'\n", 3,
	      "unknown key `cpus` (an xl key Tern does not support yet)");
	fails(MIN "bootloader = 'pygrub'\n", 3, "unknown key `bootloader` (an");
	fails(MIN "pvshim = 1\n", 3, "unknown key `pvshim` (an");
	fails(MIN "uuid = 'a-b'\n", 3, "unknown key `uuid` (an");
	fails(MIN "memroy = 512\n", 3, "unknown key `memroy`");
	assert_null(strstr(d.d[0].msg, "xl key"));
	fails(MIN "a.very.long.key.name.that.goes.on.and.on.and.on = 1\n", 3,
	      "unknown key `a.very.long.key.name.that.goes.on.and.o`...");
}

static void bounds(void **state)
{
	static char big[XL_CFG_MAX_LEN + 2];
	size_t i;

	memset(big, ' ', sizeof(big));
	assert_int_equal(xl_cfg_parse(big, XL_CFG_MAX_LEN + 1, &cfg, &d),
			 -EINVAL);
	assert_int_equal(d.d[0].line, 0);
	assert_non_null(strstr(d.d[0].msg, "larger than"));
	/* XL_MAX_SETTINGS settings, then one more */
	strcpy(big, MIN);
	for (i = 2; i < XL_MAX_SETTINGS; i++)
		strcat(big, "memory = 1\n");
	ok(big);
	strcat(big, "memory = 1\n");
	fails(big, XL_MAX_SETTINGS + 1, "more than 1024 settings");
	/* a command line of 1023 bytes, and of 1024 */
	strcpy(big, MIN "root = '");
	memset(big + strlen(big), 'r', 1018);
	strcpy(big + strlen(MIN) + 8 + 1018, "'\n");
	ok(big);
	assert_int_equal(strlen(cfg.cmdline), 1023);
	strcpy(big + strlen(big) - 2, "'\nextra = ''\n");
	fails(big, 3, "the command line root and extra make is longer than 1023");
	strcpy(big, MIN "cmdline = '");
	memset(big + strlen(big), 'c', 1024);
	strcpy(big + strlen(MIN) + 11 + 1024, "'\n");
	fails(big, 3, "cmdline is longer than 1023 bytes");
}

/* xl_cfg_format() writes what parses back into the same struct */
static void format(void **state)
{
	static struct xl_domain_cfg a;
	static char text[1 << 16];
	size_t n;

	ok(debian);
	a = cfg;
	n = xl_cfg_format(&a, text, sizeof(text));
	assert_int_equal(n, strlen(text));
	assert_int_equal(parse(text), 0);
	assert_int_equal(d.errors, 0);
	assert_memory_equal(&a, &cfg, sizeof(a));
	assert_non_null(strstr(text, "cmdline = \"root=/dev/xvda1 ro console=hvc0\"\n"));
	assert_non_null(strstr(text, "disk = [ \"phy:/dev/vg0/web01-disk,xvda1,w\", \"phy:/dev/vg0/web01-swap,xvda2,w\" ]\n"));
	assert_non_null(strstr(text, "on_crash = \"coredump-restart\"\n"));
	/* escapes survive */
	ok(MIN "type = 'pvh'\nextra = 'a\"b\\\\c\\n\\td'\nvif = ['']\n");
	a = cfg;
	xl_cfg_format(&a, text, sizeof(text));
	assert_non_null(strstr(text, "extra = \"a\\\"b\\\\c\\n\\td\"\n"));
	assert_int_equal(parse(text), 0);
	assert_memory_equal(&a, &cfg, sizeof(a));
	/* a short buffer: cut, NUL-terminated, the full length returned */
	n = xl_cfg_format(&a, text, sizeof(text));
	assert_int_equal(xl_cfg_format(&a, text, 10), n);
	assert_int_equal(strlen(text), 9);
	assert_int_equal(xl_cfg_format(&a, NULL, 0), n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xen_example_pv),
		cmocka_unit_test(xen_example_pvh),
		cmocka_unit_test(debian_user),
		cmocka_unit_test(defaults),
		cmocka_unit_test(composition),
		cmocka_unit_test(types),
		cmocka_unit_test(numbers),
		cmocka_unit_test(names),
		cmocka_unit_test(actions),
		cmocka_unit_test(devices),
		cmocka_unit_test(syntax),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(unknown_keys),
		cmocka_unit_test(bounds),
		cmocka_unit_test(format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
