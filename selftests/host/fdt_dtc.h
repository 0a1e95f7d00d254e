/* SPDX-License-Identifier: GPL-2.0 */
/* Device trees for the fdt host tests: fdt_dtc.c. */
#ifndef _FDT_DTC_H
#define _FDT_DTC_H

#include <stdbool.h>
#include <stddef.h>
#include <tern/fdt.h>

#define ROOT	"/dts-v1/;\n/ {\n#address-cells = <2>;\n#size-cells = <2>;\n"
#define END	"\n};\n"

/* The current tree, checked; freed by the next load or compile. */
extern struct fdt f;
extern u8 *blob;
extern size_t blob_size;

/* Whether dtc is there (said once when not). */
bool have_dtc(void);
/* build/host/fdt/name into f; false (skip) when it is missing. */
bool load(const char *name);
/* The tree dtc compiles from src into f; false without dtc. */
bool compile(const char *src);
/* ROOT, the nodes in body, END */
bool compile_root(const char *body);
/* Before the tests: where the build-time blobs are; after: free. */
void fdt_dtc_init(const char *argv0);
void fdt_dtc_exit(void);

#endif
