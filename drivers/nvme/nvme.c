// SPDX-License-Identifier: GPL-2.0
/*
 * NVMe over PCI (include/tern/nvme.h).
 *
 * Bring-up: disable the controller (wait CSTS.RDY = 0 within CAP.TO),
 * give it the admin queues, pick the interrupt (MSI-X entry 0 for the
 * admin queue, entry 1 for the I/O queue; else INTx for both; else the
 * admin queue is polled), enable (wait CSTS.RDY = 1 within CAP.TO),
 * identify the controller and namespace 1, create one I/O CQ/SQ pair.
 *
 * Commands are synchronous: the command ID is the SQ slot, marked
 * outstanding until it completes (a slot still outstanding is -EBUSY).
 * The interrupt handler consumes completions while their phase tag
 * matches the queue's current phase (the tag flips each time the CQ
 * wraps), at most the queue's depth per call, through the pure
 * nvme_cq_scan(); it records those for outstanding commands in their
 * slot, logs and skips the rest, and writes the CQ head doorbell (which
 * also lowers INTx). The submitter halts until its slot is done or a
 * timer marks the deadline.
 *
 * Several CPUs: each queue's state (SQ tail, CQ head and phase,
 * outstanding commands, slots) is under its lock, taken with interrupts
 * off. The interrupt may be routed to any CPU (irq_set_affinity()); when
 * it completes a command another CPU waits for, it sends that CPU
 * IPI_WAKE (smp_wake_cpu()), since the waiter halts until an interrupt
 * reaches its own CPU.
 *
 * Data moves by PRP: the buffer is cut at page boundaries into a
 * scatterlist and mapped with dma_map_sg(); PRP1 is the first piece
 * (it may start inside a page, the bounce pool keeps that offset), PRP2
 * the second page or a PRP list. The list lives in two coherent pages
 * and chains from the last entry of the first into the second. Queues,
 * lists and the identify buffer come from dma_alloc_coherent(): the
 * device sees only bus addresses the DMA API handed out.
 *
 * Block device: namespace 1 is registered as "nvme<i>n1". Its submit()
 * is synchronous (the command runs to completion, or to its timeout,
 * inside it) and completes the request with blk_complete() before it
 * returns; max_bytes is max_xfer, which do_rw() would split anyway but
 * the layer's callers should not rely on that.
 */
#include <tern/blkdev.h>
#include <tern/partdev.h>
#include <tern/dma.h>
#include <tern/irq.h>
#include <tern/mm.h>
#include <tern/nvme.h>
#include <tern/pci.h>
#include <tern/printk.h>
#include <tern/smp.h>
#include <tern/string.h>
#include <tern/timer.h>
#include <asm/bitops.h>
#include <asm/io.h>
#include <asm/pv_ops.h>
#include <asm/smp.h>

#define CC_EN		(1u << 0)
#define CC_IOSQES	(6u << 16)
#define CC_IOCQES	(4u << 20)
#define CSTS_RDY	(1u << 0)
#define CSTS_CFS	(1u << 1)

#define ADM_DELETE_SQ	0x00
#define ADM_CREATE_SQ	0x01
#define ADM_DELETE_CQ	0x04
#define ADM_CREATE_CQ	0x05
#define ADM_IDENTIFY	0x06
#define ADM_SET_FEATURES 0x09
#define NVM_FLUSH	0x00
#define NVM_WRITE	0x01
#define NVM_READ	0x02

#define FEAT_NUM_QUEUES	0x07

#define ADMIN_TIMEOUT_MS	5000
#define IO_TIMEOUT_MS		10000
#define MAX_XFER_CAP		(512u << 10)
#define PRP_PER_PAGE		(PAGE_SIZE / 8)

#define NVME_MAX_CTRLS		4

static struct nvme_ctrl *ctrls[NVME_MAX_CTRLS];
static unsigned int nr_ctrls;

static u32 rd32(struct nvme_ctrl *c, u32 reg)
{
	return readl((u8 __iomem *)c->regs + reg);
}

static void wr32(struct nvme_ctrl *c, u32 reg, u32 v)
{
	writel(v, (u8 __iomem *)c->regs + reg);
}

static void wr64(struct nvme_ctrl *c, u32 reg, u64 v)
{
	wr32(c, reg, (u32)v);
	wr32(c, reg + 4, (u32)(v >> 32));
}

const char *nvme_irq_mode_name(enum nvme_irq_mode mode)
{
	return mode == NVME_IRQ_MSIX ? "msix" :
	       mode == NVME_IRQ_INTX ? "intx" : "poll";
}

/* ---- completions ---- */

/*
 * Consume the posted completions (at most a queue's depth per call, see
 * nvme_cq_scan()) and complete the commands they name; entries naming no
 * outstanding command are logged and skipped. The queue's lock is held;
 * the waiters' CPUs are added to *wake (smp_wake_cpu() skips this one).
 */
static unsigned int process_cq(struct nvme_queue *q, u64 *wake)
{
	struct nvme_cq_batch b;
	unsigned int i;

	if (nvme_cq_scan(q->cq, q->depth, q->cq_head, q->phase,
			 q->outstanding, q->depth, &b))
		return 0;
	for (i = 0; i < b.nr_done; i++) {
		struct nvme_slot *s = &q->slot[b.done[i].cid];

		s->status = b.done[i].status;
		s->result = b.done[i].result;
		__atomic_store_n(&s->done, true, __ATOMIC_RELEASE);
		if (s->waiter < NR_CPUS)
			*wake |= 1ULL << s->waiter;
	}
	for (i = 0; i < b.nr_bad; i++)
		pr_err("nvme %s: queue %u: completion in CQ slot %u for command %u skipped: %s\n",
		       q->ctrl->pdev->name, q->qid, b.bad[i].slot,
		       b.bad[i].cid, nvme_cq_err_name(b.bad[i].why));
	q->outstanding = b.outstanding;
	q->bad_completions += b.nr_bad;
	q->cq_head = b.head;
	q->phase = b.phase;
	if (b.consumed) {
		q->completions += b.nr_done;
		writel(q->cq_head, q->cq_db);
	}
	return b.consumed;
}

_Static_assert(NR_CPUS <= 64, "reap()'s wake mask has a bit per CPU");

/*
 * Consume the queue's completions and wake the CPUs whose commands are
 * among them (a waiter halts until an interrupt reaches its own CPU).
 * Interrupts are off.
 */
static void reap(struct nvme_queue *q)
{
	unsigned int cpu;
	u64 wake = 0;

	spin_lock(&q->lock);
	process_cq(q, &wake);
	spin_unlock(&q->lock);
	for (cpu = 0; wake; cpu++, wake >>= 1)
		if (wake & 1)
			smp_wake_cpu(cpu);
}

static void nvme_queue_irq(unsigned int irq, void *data)
{
	reap(data);
}

static void nvme_intx_irq(unsigned int irq, void *data)
{
	struct nvme_ctrl *c = data;

	reap(&c->admin);
	if (c->io.depth)
		reap(&c->io);
}

static bool queue_has_irq(struct nvme_queue *q)
{
	struct nvme_ctrl *c = q->ctrl;

	if (c->irq_mode == NVME_IRQ_MSIX)
		return q->irq >= 0;
	return c->irq_mode == NVME_IRQ_INTX;
}

/* ---- submission ---- */

static void deadline_fn(struct timer *t)
{
	WRITE_ONCE(*(bool *)t->data, true);
}

static void status_report(struct nvme_queue *q, const struct nvme_sqe *cmd,
			  u16 status)
{
	pr_err("nvme %s: queue %u opcode %#x failed: status %#x (SCT %u SC %#x%s)\n",
	       q->ctrl->pdev->name, q->qid, cmd->opcode,
	       status, (status >> 8) & 7, status & 0xff,
	       status & 0x4000 ? ", do not retry" : "");
}

static void ctrl_kill(struct nvme_ctrl *c)
{
	c->dead = true;
	wr32(c, NVME_REG_CC, rd32(c, NVME_REG_CC) & ~CC_EN);
}

/*
 * Run one command to completion. 0, -EIO (status in c->last_status),
 * -ETIMEDOUT.
 */
static int submit_wait(struct nvme_queue *q, struct nvme_sqe *cmd,
		       u32 *result, u64 timeout_ms)
{
	struct nvme_ctrl *c = q->ctrl;
	bool poll = !queue_has_irq(q) || irqs_disabled();
	bool expired = false, done;
	struct timer t = { .fn = deadline_fn, .data = &expired };
	struct nvme_slot *s;
	unsigned long flags;
	u16 cid;

	if (c->dead)
		return -EIO;
	flags = spin_lock_irqsave(&q->lock);
	cid = q->sq_tail;
	if (q->outstanding & (1u << cid)) {
		/* a command from another CPU still holds the slot */
		spin_unlock_irqrestore(&q->lock, flags);
		return -EBUSY;
	}
	s = &q->slot[cid];
	cmd->cid = cid;
	s->done = false;
	s->waiter = smp_processor_id();
	q->outstanding |= 1u << cid;
	q->sq[cid] = *cmd;
	if (++q->sq_tail == q->depth)
		q->sq_tail = 0;
	wmb();
	writel(q->sq_tail, q->sq_db);
	spin_unlock_irqrestore(&q->lock, flags);

	timer_start(&t, timeout_ms * NSEC_PER_MSEC);
	for (;;) {
		flags = local_irq_save();
		if (poll)
			reap(q);
		if (__atomic_load_n(&s->done, __ATOMIC_ACQUIRE) ||
		    READ_ONCE(expired)) {
			local_irq_restore(flags);
			break;
		}
		if (poll || irqs_disabled_flags(flags)) {
			local_irq_restore(flags);
			cpu_relax();
			continue;
		}
		/*
		 * Sleeps until the completion, the deadline or any IRQ here
		 * (a completion taken on another CPU sends IPI_WAKE).
		 */
		safe_halt();
		local_irq_restore(flags);
	}
	timer_cancel(&t);

	if (!__atomic_load_n(&s->done, __ATOMIC_ACQUIRE)) {
		c->timeouts++;
		flags = local_irq_save();
		reap(q);
		/* given up: a late completion for it is not believed */
		spin_lock(&q->lock);
		done = s->done;
		q->outstanding &= ~(1u << cid);
		spin_unlock(&q->lock);
		local_irq_restore(flags);
		if (done) {
			c->lost_irqs++;
			pr_err("nvme %s: opcode %#x completed without an interrupt\n",
			       c->pdev->name, cmd->opcode);
		} else {
			pr_err("nvme %s: opcode %#x timed out after %llu ms, controller disabled\n",
			       c->pdev->name, cmd->opcode, timeout_ms);
			ctrl_kill(c);
		}
		return -ETIMEDOUT;
	}
	c->last_status = s->status;
	if (s->status) {
		status_report(q, cmd, s->status);
		return -EIO;
	}
	if (result)
		*result = s->result;
	return 0;
}

static int admin_cmd(struct nvme_ctrl *c, struct nvme_sqe *cmd, u32 *result)
{
	return submit_wait(&c->admin, cmd, result, ADMIN_TIMEOUT_MS);
}

/* ---- queues ---- */

static int queue_alloc(struct nvme_ctrl *c, struct nvme_queue *q, u16 qid,
		       u16 depth)
{
	struct device *dev = &c->pdev->dev;

	memset(q, 0, sizeof(*q));
	q->ctrl = c;
	q->qid = qid;
	q->depth = depth;
	q->phase = 1;
	q->irq = -1;
	q->lock = (spinlock_t)SPINLOCK_INIT;
	q->sq = dma_alloc_coherent(dev, depth * sizeof(struct nvme_sqe),
				   &q->sq_bus, 0);
	q->cq = dma_alloc_coherent(dev, depth * sizeof(struct nvme_cqe),
				   &q->cq_bus, 0);
	if (!q->sq || !q->cq)
		return -ENOMEM;
	q->sq_db = (u8 __iomem *)c->regs + NVME_REG_DBS +
		   (2 * qid) * c->db_stride;
	q->cq_db = (u8 __iomem *)c->regs + NVME_REG_DBS +
		   (2 * qid + 1) * c->db_stride;
	return 0;
}

/* ---- interrupts ---- */

static void irq_teardown(struct nvme_ctrl *c)
{
	if (c->irq_mode == NVME_IRQ_MSIX) {
		pci_disable_msix(c->pdev);
		c->admin.irq = -1;
		c->io.irq = -1;
	} else if (c->irq_mode == NVME_IRQ_INTX) {
		free_irq(c->intx_irq);
		pci_intx(c->pdev, false);
		c->intx_irq = -1;
	}
	c->irq_mode = NVME_IRQ_POLL;
}

static int setup_msix(struct nvme_ctrl *c)
{
	struct pci_dev *p = c->pdev;
	int irq;

	if (p->msix_size < 2)
		return -ENODEV;
	irq = pci_alloc_msix_irq(p, 0, nvme_queue_irq, "nvme-admin",
				 &c->admin);
	if (irq < 0)
		return irq;
	c->admin.irq = irq;
	irq = pci_alloc_msix_irq(p, 1, nvme_queue_irq, "nvme-io", &c->io);
	if (irq < 0) {
		pci_disable_msix(p);
		c->admin.irq = -1;
		return irq;
	}
	c->io.irq = irq;
	pci_intx(p, false);
	c->irq_mode = NVME_IRQ_MSIX;
	return 0;
}

static int setup_intx(struct nvme_ctrl *c)
{
	int gsi = pci_intx_gsi(c->pdev), ret;

	if (gsi < 0)
		return gsi;
	ret = request_irq(gsi, nvme_intx_irq, "nvme-intx", c);
	if (ret)
		return ret;
	c->intx_irq = gsi;
	pci_intx(c->pdev, true);
	c->irq_mode = NVME_IRQ_INTX;
	return 0;
}

int nvme_set_irq_mode(struct nvme_ctrl *c, enum nvme_irq_mode mode)
{
	unsigned long flags;
	int ret;

	if (mode == c->irq_mode)
		return 0;
	if (mode == NVME_IRQ_POLL)
		return -EINVAL;
	flags = local_irq_save();
	irq_teardown(c);
	ret = mode == NVME_IRQ_MSIX ? setup_msix(c) : setup_intx(c);
	/* anything that completed meanwhile */
	reap(&c->admin);
	if (c->io.depth)
		reap(&c->io);
	local_irq_restore(flags);
	return ret;
}

/* ---- bring-up ---- */

static int wait_ready(struct nvme_ctrl *c, bool ready)
{
	u64 end = ktime_ns() + c->timeout_ms * NSEC_PER_MSEC;

	for (;;) {
		u32 csts = rd32(c, NVME_REG_CSTS);

		if (csts == ~0u)
			return -ENODEV;
		if (ready && (csts & CSTS_CFS))
			return -EIO;
		if (!!(csts & CSTS_RDY) == ready)
			return 0;
		if (ktime_ns() > end)
			return -ETIMEDOUT;
		udelay(50);
	}
}

static void copy_id_string(char *dst, const u8 *src, size_t len)
{
	memcpy(dst, src, len);
	dst[len] = '\0';
	while (len && dst[len - 1] == ' ')
		dst[--len] = '\0';
}

static int identify(struct nvme_ctrl *c)
{
	struct device *dev = &c->pdev->dev;
	struct nvme_sqe cmd = { .opcode = ADM_IDENTIFY };
	bus_addr_t bus;
	u8 *id = dma_alloc_coherent(dev, PAGE_SIZE, &bus, 0);
	unsigned int lbads, mdts;
	int ret;

	if (!id)
		return -ENOMEM;
	cmd.prp1 = bus_x(bus);
	cmd.cdw10 = 1;			/* CNS 1: the controller */
	ret = admin_cmd(c, &cmd, NULL);
	if (ret)
		goto out;
	copy_id_string(c->serial, id + 4, 20);
	copy_id_string(c->model, id + 24, 40);
	copy_id_string(c->firmware, id + 64, 8);
	mdts = id[77];
	c->nn = id[516] | id[517] << 8 | id[518] << 16 | (u32)id[519] << 24;
	c->max_xfer = MAX_XFER_CAP;
	if (mdts && mdts < 20 && (PAGE_SIZE << mdts) < c->max_xfer)
		c->max_xfer = PAGE_SIZE << mdts;

	memset(&cmd, 0, sizeof(cmd));
	memset(id, 0, PAGE_SIZE);
	cmd.opcode = ADM_IDENTIFY;
	cmd.nsid = 1;
	cmd.prp1 = bus_x(bus);
	cmd.cdw10 = 0;			/* CNS 0: namespace */
	ret = admin_cmd(c, &cmd, NULL);
	if (ret)
		goto out;
	memcpy(&c->nblocks, id, 8);
	lbads = id[128 + 4 * (id[26] & 0xf) + 2];
	if (!c->nblocks || lbads < 9 || lbads > 12) {
		pr_err("nvme %s: namespace 1: %llu blocks of 2^%u bytes: unsupported\n",
		       c->pdev->name, c->nblocks, lbads);
		ret = -ENODEV;
		goto out;
	}
	c->block_size = 1u << lbads;
	c->write_protected = id[99] & 1;	/* NSATTR */
out:
	dma_free_coherent(dev, PAGE_SIZE, id, bus);
	return ret;
}

static int create_io_queue(struct nvme_ctrl *c)
{
	struct nvme_sqe cmd = { .opcode = ADM_SET_FEATURES };
	u16 depth = min((u64)NVME_QUEUE_DEPTH, (c->cap & 0xffff) + 1);
	int ret;

	cmd.cdw10 = FEAT_NUM_QUEUES;	/* one SQ and one CQ (0-based) */
	admin_cmd(c, &cmd, NULL);

	{
		/* the interrupt was set up before the queue existed: keep it */
		int irq = c->io.irq;

		ret = queue_alloc(c, &c->io, 1, depth);
		c->io.irq = irq;
	}
	if (ret)
		return ret;
	memset(&cmd, 0, sizeof(cmd));
	cmd.opcode = ADM_CREATE_CQ;
	cmd.prp1 = bus_x(c->io.cq_bus);
	cmd.cdw10 = (u32)(depth - 1) << 16 | 1;
	/*
	 * Interrupts enabled, contiguous; MSI-X entry 1. Without MSI-X (INTx:
	 * arm64 without an ITS, or MSI-X refused) there is one vector, and
	 * a controller refuses any other with "invalid interrupt vector".
	 */
	cmd.cdw11 = (c->irq_mode == NVME_IRQ_MSIX ? 1u << 16 : 0) | 3;
	ret = admin_cmd(c, &cmd, NULL);
	if (ret)
		return ret;
	memset(&cmd, 0, sizeof(cmd));
	cmd.opcode = ADM_CREATE_SQ;
	cmd.prp1 = bus_x(c->io.sq_bus);
	cmd.cdw10 = (u32)(depth - 1) << 16 | 1;
	cmd.cdw11 = 1u << 16 | 1;	/* CQ 1, contiguous */
	return admin_cmd(c, &cmd, NULL);
}

static int nvme_probe(struct nvme_ctrl *c)
{
	struct pci_dev *p = c->pdev;
	struct device *dev = &p->dev;
	u32 aqa;
	int ret, i;

	pci_enable_device(p);
	dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64));
	c->intx_irq = -1;
	c->regs = pci_iomap(p, 0, 0);
	if (!c->regs)
		return -ENODEV;
	c->cap = rd32(c, NVME_REG_CAP) |
		 (u64)rd32(c, NVME_REG_CAP + 4) << 32;
	c->vs = rd32(c, NVME_REG_VS);
	if (c->vs == ~0u || c->vs < 0x10000)
		return -ENODEV;
	if ((c->cap >> 48) & 0xf)	/* MPSMIN above 4 KiB */
		return -ENODEV;
	c->db_stride = 4u << ((c->cap >> 32) & 0xf);
	c->timeout_ms = max(1ULL, (c->cap >> 24) & 0xff) * 500;

	if (rd32(c, NVME_REG_CC) & CC_EN)
		wr32(c, NVME_REG_CC, rd32(c, NVME_REG_CC) & ~CC_EN);
	ret = wait_ready(c, false);
	if (ret)
		return ret;

	ret = queue_alloc(c, &c->admin, 0, NVME_QUEUE_DEPTH);
	if (ret)
		return ret;
	aqa = (NVME_QUEUE_DEPTH - 1) << 16 | (NVME_QUEUE_DEPTH - 1);
	wr32(c, NVME_REG_AQA, aqa);
	wr64(c, NVME_REG_ASQ, bus_x(c->admin.sq_bus));
	wr64(c, NVME_REG_ACQ, bus_x(c->admin.cq_bus));

	for (i = 0; i < 2; i++) {
		c->prp_list[i] = dma_alloc_coherent(dev, PAGE_SIZE,
						    &c->prp_bus[i], 0);
		if (!c->prp_list[i])
			return -ENOMEM;
	}
	c->max_sg = MAX_XFER_CAP / PAGE_SIZE + 1;
	c->sg = kzalloc(c->max_sg * sizeof(*c->sg));
	if (!c->sg)
		return -ENOMEM;

	/* completions by interrupt: MSI-X, else INTx, else poll (admin) */
	if (setup_msix(c) && setup_intx(c))
		pr_warn("nvme %s: no interrupt, polling the admin queue\n",
			p->name);

	wr32(c, NVME_REG_CC, CC_IOCQES | CC_IOSQES | CC_EN);
	ret = wait_ready(c, true);
	if (ret) {
		pr_err("nvme %s: controller not ready (%d, CSTS %#x)\n",
		       p->name, ret, rd32(c, NVME_REG_CSTS));
		return ret;
	}
	ret = identify(c);
	if (ret)
		return ret;
	if (c->irq_mode == NVME_IRQ_POLL) {
		pr_err("nvme %s: no interrupt for the I/O queue\n", p->name);
		return -ENODEV;
	}
	return create_io_queue(c);
}

/* ---- block device ---- */

static int do_rw_segs(struct nvme_ctrl *c, bool write, u64 lba, u32 nblocks,
		      const struct blk_seg *segs, unsigned int n);

static int nvme_blk_submit(struct block_device *bd, struct blk_request *rq)
{
	struct nvme_ctrl *c = bd->driver_data;
	u64 lba = rq->sector / (c->block_size >> SECTOR_SHIFT);
	u32 nblocks = rq->nr_bytes / c->block_size;
	int ret;

	switch (rq->op) {
	case BLK_OP_READ:
	case BLK_OP_WRITE:
		if (rq->segs)
			ret = do_rw_segs(c, rq->op == BLK_OP_WRITE, lba,
					 nblocks, rq->segs, rq->nr_segs);
		else if (rq->op == BLK_OP_READ)
			ret = nvme_read(c, lba, nblocks, rq->buf);
		else
			ret = nvme_write(c, lba, nblocks, rq->buf);
		break;
	case BLK_OP_FLUSH:
		ret = nvme_flush(c);
		break;
	default:
		return -EINVAL;		/* not offered: the layer refuses it */
	}
	/* synchronous: complete before returning (thread context) */
	blk_complete(rq, ret);
	return 0;
}

static void nvme_blk_describe(struct block_device *bd)
{
	struct nvme_ctrl *c = bd->driver_data;

	printk("nvme %s: serial '%s', irq %s, timeouts %llu%s\n",
	       c->pdev->name, c->serial, nvme_irq_mode_name(c->irq_mode),
	       c->timeouts, c->dead ? ", disabled" : "");
}

static const struct block_device_ops nvme_blk_ops = {
	.submit = nvme_blk_submit,
	.describe = nvme_blk_describe,
};

static void register_bdev(struct nvme_ctrl *c, unsigned int index)
{
	struct block_device *bd = &c->bdev;
	u32 spb = c->block_size >> SECTOR_SHIFT;
	int ret;

	if (c->nblocks > ~0ULL / spb) {
		pr_err("nvme %s: %llu blocks: too many for a block device\n",
		       c->pdev->name, c->nblocks);
		return;
	}
	snprintf(bd->name, sizeof(bd->name), "nvme%un1", index);
	bd->nr_sectors = c->nblocks * spb;
	bd->logical_block_size = c->block_size;
	bd->max_bytes = c->max_xfer;
	bd->queue_depth = 1;
	bd->dma_dev = &c->pdev->dev;
	bd->features = BLK_FEAT_FLUSH | BLK_FEAT_BUS_SEGS;
	bd->read_only = c->write_protected;
	bd->ops = &nvme_blk_ops;
	bd->driver_data = c;
	ret = blk_register(bd);
	if (ret) {
		pr_err("nvme %s: block device %s not registered (%d)\n",
		       c->pdev->name, bd->name, ret);
		return;
	}
	/* its MBR or GPT partitions, as block devices of their own */
	blk_add_partitions(bd);
}

static void probe_one(struct pci_dev *p)
{
	struct nvme_ctrl *c = kzalloc(sizeof(*c));
	int ret;

	if (!c)
		return;
	c->pdev = p;
	ret = nvme_probe(c);
	if (ret) {
		pr_err("nvme %s: probe failed (%d)\n", p->name, ret);
		if (c->regs) {
			irq_teardown(c);
			wr32(c, NVME_REG_CC, 0);
		}
		return;	/* the controller is off: leaking its memory is safe */
	}
	pr_info("nvme %s: %04x:%04x NVMe %u.%u serial '%s' model '%s', %llu x %u B (%llu MiB), max %u KiB/command, irq %s\n",
		p->name, p->vendor, p->device, c->vs >> 16, (c->vs >> 8) & 0xff,
		c->serial, c->model, c->nblocks, c->block_size,
		(c->nblocks * c->block_size) >> 20, c->max_xfer >> 10,
		nvme_irq_mode_name(c->irq_mode));
	if (nr_ctrls < NVME_MAX_CTRLS) {
		ctrls[nr_ctrls] = c;
		register_bdev(c, nr_ctrls++);
	}
}

void nvme_init(void)
{
	struct pci_dev *p = NULL;

	while ((p = pci_find_class(PCI_CLASS_STORAGE_NVME, p)))
		probe_one(p);
}

struct nvme_ctrl *nvme_first(void)
{
	return nr_ctrls ? ctrls[0] : NULL;
}

/* ---- I/O ---- */

/* Cut [buf, buf + len) at page boundaries into c->sg; the count. */
static unsigned int build_sg(struct nvme_ctrl *c, u8 *buf, u32 len)
{
	unsigned int n = 0;

	while (len) {
		u32 piece = PAGE_SIZE - ((uintptr_t)buf & (PAGE_SIZE - 1));

		if (piece > len)
			piece = len;
		sg_set_buf(&c->sg[n++], buf, piece);
		buf += piece;
		len -= piece;
	}
	return n;
}

/* PRP2 for pieces 1..n-1 of the mapped list: a page or a PRP list. */
static u64 build_prp2(struct nvme_ctrl *c, unsigned int n)
{
	unsigned int page = 0, idx = c->prp_list_offset / 8, i;
	u64 first;

	if (n == 1)
		return 0;
	if (n == 2)
		return bus_x(c->sg[1].dma_address);
	first = bus_x(c->prp_bus[0]) + idx * 8;
	for (i = 1; i < n; i++) {
		if (idx == PRP_PER_PAGE - 1 && i < n - 1 && page == 0) {
			/* last slot of the page: chain to the next list */
			c->prp_list[0][idx] = bus_x(c->prp_bus[1]);
			page = 1;
			idx = 0;
		}
		c->prp_list[page][idx++] = bus_x(c->sg[i].dma_address);
	}
	return first;
}

/*
 * One READ or WRITE of nb blocks at lba over c->sg[0..n), whose
 * dma_address fields are set: PRP1, PRP2 or a PRP list, submit, wait,
 * count.
 */
static int rw_cmd(struct nvme_ctrl *c, bool write, u64 lba, u32 nb,
		  unsigned int n)
{
	struct nvme_sqe cmd = { 0 };
	u32 len = nb * c->block_size;
	int ret;

	cmd.opcode = write ? NVM_WRITE : NVM_READ;
	cmd.nsid = 1;
	cmd.prp1 = bus_x(c->sg[0].dma_address);
	cmd.prp2 = build_prp2(c, n);
	cmd.cdw10 = (u32)lba;
	cmd.cdw11 = (u32)(lba >> 32);
	cmd.cdw12 = nb - 1;
	ret = submit_wait(&c->io, &cmd, NULL, IO_TIMEOUT_MS);
	if (write) {
		c->writes++;
		c->bytes_written += ret ? 0 : len;
	} else {
		c->reads++;
		c->bytes_read += ret ? 0 : len;
	}
	return ret;
}

static int do_rw(struct nvme_ctrl *c, bool write, u64 lba, u32 nblocks,
		 u8 *buf)
{
	enum dma_data_direction dir = write ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	struct device *dev = &c->pdev->dev;
	u32 per_cmd = c->max_xfer / c->block_size;
	int ret = 0;

	if (c->dead)
		return -EIO;
	if (!nblocks || lba >= c->nblocks || nblocks > c->nblocks - lba ||
	    ((uintptr_t)buf & 3))
		return -EINVAL;
	/* the chained list must hold every entry */
	if (c->prp_list_offset >= PAGE_SIZE || (c->prp_list_offset & 7))
		return -EINVAL;
	while (nblocks && !ret) {
		u32 nb = min(nblocks, per_cmd), len = nb * c->block_size;
		unsigned int n = build_sg(c, buf, len);

		if (n > c->max_sg)
			return -EINVAL;
		if (dma_map_sg(dev, c->sg, n, dir) != (int)n)
			return -ENOMEM;
		ret = rw_cmd(c, write, lba, nb, n);
		dma_unmap_sg(dev, c->sg, n, dir);
		lba += nb;
		nblocks -= nb;
		buf += len;
	}
	return ret;
}

/*
 * One command over bus segments the caller mapped (struct blk_seg; the
 * block layer checked them with blk_segs_fit(): they chain as PRPs and
 * the controller reaches them), so no DMA mapping here: the bus address
 * is the memory model's answer for a page that may not even be ours.
 */
static int do_rw_segs(struct nvme_ctrl *c, bool write, u64 lba, u32 nblocks,
		      const struct blk_seg *segs, unsigned int n)
{
	u32 len = nblocks * c->block_size;
	unsigned int i;
	int ret;

	if (c->dead)
		return -EIO;
	if (!nblocks || lba >= c->nblocks || nblocks > c->nblocks - lba ||
	    len > c->max_xfer || n > c->max_sg ||
	    c->prp_list_offset >= PAGE_SIZE || (c->prp_list_offset & 7))
		return -EINVAL;
	for (i = 0; i < n; i++)
		c->sg[i].dma_address = segs[i].bus;
	ret = rw_cmd(c, write, lba, nblocks, n);
	c->seg_requests++;
	return ret;
}

int nvme_read(struct nvme_ctrl *c, u64 lba, u32 nblocks, void *buf)
{
	return do_rw(c, false, lba, nblocks, buf);
}

int nvme_write(struct nvme_ctrl *c, u64 lba, u32 nblocks, const void *buf)
{
	return do_rw(c, true, lba, nblocks, (u8 *)buf);
}

int nvme_flush(struct nvme_ctrl *c)
{
	struct nvme_sqe cmd = { .opcode = NVM_FLUSH, .nsid = 1 };

	if (c->dead)
		return -EIO;
	c->flushes++;
	return submit_wait(&c->io, &cmd, NULL, IO_TIMEOUT_MS);
}

void nvme_print(void)
{
	unsigned int i;

	if (!nr_ctrls)
		printk("nvme: no controller\n");
	for (i = 0; i < nr_ctrls; i++) {
		struct nvme_ctrl *c = ctrls[i];

		printk("nvme %s: '%s' %llu x %u B, irq %s (admin %llu, io %llu completions), reads %llu (%llu KiB), writes %llu (%llu KiB), flushes %llu, timeouts %llu%s\n",
		       c->pdev->name, c->serial, c->nblocks, c->block_size,
		       nvme_irq_mode_name(c->irq_mode), c->admin.completions,
		       c->io.completions, c->reads, c->bytes_read >> 10,
		       c->writes, c->bytes_written >> 10, c->flushes, c->timeouts,
		       c->dead ? ", disabled" : "");
	}
}
