// SPDX-License-Identifier: GPL-2.0
/*
 * Boot modules arrive intact: every module the loader handed over (Xen's
 * dom0 initrd, xl's ramdisk=, GRUB's module2, QEMU's -initrd) is read
 * back through the direct map and checked sector by sector against the
 * test-disk contract (include/tern/testdisk.h; rows make the module with
 * selftests/mkdisk). A module at the wrong address, cut short or
 * overwritten by the kernel fails here. Skipped when there is none.
 */
#include <tern/kernel.h>
#include <tern/ktest.h>
#include <tern/mm.h>
#include <tern/string.h>
#include <tern/testdisk.h>
#include <asm/page.h>

static int bootmod_init(const char **reason)
{
	if (!boot_params.nr_mods) {
		*reason = "no boot module given";
		return -ENODEV;
	}
	/* a dom0's guest archive (cpio) is the toolstack's, not a test disk */
	if (!memcmp(phys_to_virt(boot_params.mods[0].start), "07070", 5)) {
		*reason = "the boot module is a guest archive";
		return -ENODEV;
	}
	return 0;
}

static void modules_read_back_intact(struct ktest *t)
{
	unsigned int m;

	for (m = 0; m < boot_params.nr_mods; m++) {
		u64 start = boot_params.mods[m].start;
		u64 size = boot_params.mods[m].size;
		const u8 *p = phys_to_virt(start);
		u64 lba, n = size / TESTDISK_SECTOR, bad = 0, first = 0;

		KTEST_EXPECT_EQ(t, size % TESTDISK_SECTOR, 0);
		KTEST_EXPECT(t, n > 0);
		for (lba = 0; lba < n; lba++) {
			if (testdisk_check(p + lba * TESTDISK_SECTOR, lba) != 0 &&
			    !bad++)
				first = lba;
		}
		ktest_log(t, "module %u at %#llx: %llu bytes, %llu sectors, %llu bad (first %llu)",
			  m, start, size, n, bad, first);
		KTEST_EXPECT_EQ(t, bad, 0);
	}
}

/* The module's pages are reserved: the allocator never hands them out. */
static void modules_are_reserved(struct ktest *t)
{
	unsigned int m;

	for (m = 0; m < boot_params.nr_mods; m++) {
		u64 s = ALIGN_DOWN(boot_params.mods[m].start, PAGE_SIZE);
		u64 e = ALIGN_UP(boot_params.mods[m].start +
				 boot_params.mods[m].size, PAGE_SIZE);
		phys_addr_t pa;
		int err = page_alloc_range(&kernel_pages, 1, 1, s, e, 0, &pa);

		if (!err) {
			ktest_log(t, "module %u: page %#llx was free", m, pa);
			page_free_range(&kernel_pages, pa, 1);
		}
		KTEST_EXPECT_EQ(t, err, -ENOMEM);
	}
}

static const struct ktest_case bootmod_cases[] = {
	KTEST_CASE(modules_read_back_intact),
	KTEST_CASE(modules_are_reserved),
};

static const struct ktest_suite bootmod_suite = {
	.name = "bootmod",
	.cases = bootmod_cases,
	.ncases = ARRAY_SIZE(bootmod_cases),
	.init = bootmod_init,
};
KTEST_SUITE(bootmod_suite);
