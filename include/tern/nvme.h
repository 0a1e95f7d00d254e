/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NVMe over PCI (drivers/nvme/nvme.c): one admin queue pair, one I/O
 * queue pair, namespace 1, synchronous reads, writes and flushes of whole
 * blocks.
 *
 * Namespace 1 of the i-th controller that comes up is the block device
 * "nvme<i>n1" (include/tern/blkdev.h): logical_block_size is the LBA
 * format's size, max_bytes the controller's transfer limit (MDTS, capped
 * at 512 KiB so one command's PRP list fits the two list pages),
 * queue_depth 1, BLK_FEAT_FLUSH (Flush is mandatory in the NVM command
 * set), read_only from the namespace's write-protect attribute. The I/O
 * is synchronous: submit() runs the command(s) and calls blk_complete()
 * before it returns, which the block layer allows.
 *
 * Completion entries are checked by nvme_cq_scan() (nvme_cq.h): only a
 * command that is outstanding can complete, and an interrupt consumes at
 * most one queue's depth of entries.
 *
 * Completions arrive by interrupt: one MSI-X vector per queue, or the
 * function's INTx line (one GSI for both queues) when MSI-X cannot be
 * set up; the admin queue is polled only when neither works. A command
 * that does not complete within its timeout returns -ETIMEDOUT; if the
 * controller never posted it the controller is disabled (so it cannot
 * DMA into memory that is being reused) and later calls return -EIO.
 */
#ifndef _TERN_NVME_H
#define _TERN_NVME_H

#include <tern/blkdev.h>
#include <tern/dma.h>
#include <tern/nvme_cq.h>
#include <tern/pci.h>
#include <tern/spinlock.h>
#include <tern/types.h>

#define NVME_REG_CAP	0x00
#define NVME_REG_VS	0x08
#define NVME_REG_CC	0x14
#define NVME_REG_CSTS	0x1c
#define NVME_REG_AQA	0x24
#define NVME_REG_ASQ	0x28
#define NVME_REG_ACQ	0x30
#define NVME_REG_DBS	0x1000

enum nvme_irq_mode {
	NVME_IRQ_POLL,		/* admin queue only */
	NVME_IRQ_INTX,
	NVME_IRQ_MSIX,
};

struct nvme_sqe {
	u8 opcode;
	u8 flags;
	u16 cid;
	u32 nsid;
	u32 cdw2, cdw3;
	u64 mptr;
	u64 prp1, prp2;
	u32 cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};

struct nvme_slot {
	bool done;		/* release-stored once status/result are in */
	u16 waiter;		/* the CPU that waits for it */
	u16 status;		/* status field without the phase bit */
	u32 result;
};

struct nvme_ctrl;

struct nvme_queue {
	struct nvme_ctrl *ctrl;
	u16 qid, depth;
	u16 sq_tail, cq_head;
	u8 phase;
	struct nvme_sqe *sq;
	struct nvme_cqe *cq;
	bus_addr_t sq_bus, cq_bus;
	void __iomem *sq_db, *cq_db;
	int irq;		/* this queue's MSI-X IRQ, or -1 */
	/*
	 * The SQ tail, the CQ head and phase, `outstanding` and the slots:
	 * the interrupt may run on another CPU than the submitter.
	 * Interrupts are off while it is held.
	 */
	spinlock_t lock;
	u32 outstanding;	/* bit cid: submitted, not yet completed */
	u64 completions;
	u64 bad_completions;	/* entries whose cid was not outstanding */
	struct nvme_slot slot[NVME_QUEUE_DEPTH];
};

struct nvme_ctrl {
	struct pci_dev *pdev;
	void __iomem *regs;
	u64 cap;
	u32 vs;
	unsigned int db_stride;		/* bytes between doorbells */
	u64 timeout_ms;			/* CAP.TO: enable/disable */
	enum nvme_irq_mode irq_mode;
	int intx_irq;			/* the GSI while in INTx mode, else -1 */
	struct nvme_queue admin, io;
	char serial[21], model[41], firmware[9];
	u32 nn;				/* namespaces */
	u32 max_xfer;			/* bytes per command */
	u64 nblocks;			/* namespace 1 */
	u32 block_size;
	bool write_protected;		/* NSATTR bit 0 */
	struct block_device bdev;	/* nvme<i>n1, once registered */
	u64 *prp_list[2];		/* two chained PRP list pages */
	bus_addr_t prp_bus[2];
	unsigned int prp_list_offset;	/* where the list starts (tests) */
	struct scatterlist *sg;
	unsigned int max_sg;
	bool dead;
	u16 last_status;
	u64 timeouts, lost_irqs;
	u64 reads, writes, bytes_read, bytes_written, flushes;
	u64 seg_requests;		/* over bus segments (zero-copy) */
};

void nvme_init(void);
/* The first controller that came up, or NULL. */
struct nvme_ctrl *nvme_first(void);

/*
 * Transfer nblocks blocks at lba to/from buf (direct-map or kernel
 * image memory, 4-byte aligned, any length). 0, -EINVAL (range), -EIO
 * (the command failed: c->last_status), -ETIMEDOUT, -ENOMEM (mapping).
 */
int nvme_read(struct nvme_ctrl *c, u64 lba, u32 nblocks, void *buf);
int nvme_write(struct nvme_ctrl *c, u64 lba, u32 nblocks, const void *buf);
/* Flush namespace 1's volatile write cache: 0, -EIO, -ETIMEDOUT. */
int nvme_flush(struct nvme_ctrl *c);

/* Switch both queues to MSI-X or INTx (tests). 0 or a negative errno. */
int nvme_set_irq_mode(struct nvme_ctrl *c, enum nvme_irq_mode mode);
const char *nvme_irq_mode_name(enum nvme_irq_mode mode);

/* Monitor: one line per controller. */
void nvme_print(void);

#endif
