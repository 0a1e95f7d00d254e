// SPDX-License-Identifier: GPL-2.0
/*
 * What this kernel is: the version scripts/version computed at build time
 * (a release, or VERSION+gitN.HASH), printed on the first console line,
 * kept in an ELF note ("Tern", type 1) that `readelf -n` and packaging
 * tools read without booting, and shown by the monitor's `version`.
 */
#include <tern/printk.h>
#include <tern/monitor.h>
#include <tern/version.h>
#include <tern_version.h>

const char tern_version[] = TERN_VERSION;

/* An ELF note: namesz, descsz, type, "Tern\0" padded to 4, the string. */
struct tern_note {
	u32 namesz;
	u32 descsz;
	u32 type;
	char name[8];
	char desc[(sizeof(TERN_VERSION) + 3) & ~3];
};

static const struct tern_note version_note __used
	__section(".note.Tern") __aligned(4) = {
	.namesz = 5,
	.descsz = sizeof(TERN_VERSION),
	.type = TERN_NOTE_VERSION,
	.name = "Tern",
	.desc = TERN_VERSION,
};

static void cmd_version(void)
{
	printk("Tern %s\n", tern_version);
}

MONITOR_CMD(version_cmd, "version", "print the kernel's version", cmd_version);
