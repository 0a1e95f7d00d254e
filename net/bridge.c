// SPDX-License-Identifier: GPL-2.0
/*
 * Learning Ethernet bridges in dom0 (include/tern/bridge.h,
 * Documentation/bridge.md). The decision where a frame goes is the pure
 * net/fdb.c; this file keeps the bridges and their ports and moves the
 * frames.
 *
 * Invariants: a port is in at most one bridge and has an id unique in
 * it (the bit set in br->ids); the FDB never names a port that left (it
 * is flushed when the port goes); a frame is handed to each output port
 * at most once and never back to the port it came from.
 */
#include <tern/bridge.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/monitor.h>
#include <tern/net_fdb.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>

struct bridge {
	char name[BRIDGE_NAME_MAX];
	u64 ids;			/* port ids in use */
	struct bridge_port *ports;
	struct fdb fdb;
	u64 flooded, unicast, dropped;
	struct bridge *next;
};

static struct bridge *bridges;

static u64 now_ms(void)
{
	return ktime_ns() / NSEC_PER_MSEC;
}

static struct bridge *bridge_get(const char *name)
{
	struct bridge *br;

	for (br = bridges; br; br = br->next)
		if (!strcmp(br->name, name))
			return br;
	if (!name[0] || strlen(name) >= BRIDGE_NAME_MAX)
		return NULL;
	br = kzalloc(sizeof(*br));
	if (!br)
		return NULL;
	strlcpy(br->name, name, sizeof(br->name));
	fdb_init(&br->fdb);
	br->next = bridges;
	bridges = br;
	pr_info("bridge %s: created\n", name);
	return br;
}

int bridge_port_add(const char *br_name, struct bridge_port *p)
{
	struct bridge *br;
	unsigned int id;

	if (p->br || !p->xmit)
		return -EINVAL;
	br = bridge_get(br_name);
	if (!br)
		return strlen(br_name) >= BRIDGE_NAME_MAX || !br_name[0] ?
		       -EINVAL : -ENOMEM;
	for (id = 0; id < BRIDGE_PORTS_MAX; id++)
		if (!(br->ids & (1ULL << id)))
			break;
	if (id == BRIDGE_PORTS_MAX)
		return -ENOSPC;
	br->ids |= 1ULL << id;
	memset(&p->stats, 0, sizeof(p->stats));
	p->id = (u16)id;
	p->br = br;
	p->next = br->ports;
	br->ports = p;
	pr_info("bridge %s: port %s joined\n", br->name, p->name);
	return 0;
}

void bridge_port_del(struct bridge_port *p)
{
	struct bridge *br = p->br;
	struct bridge_port **pp;

	if (!br)
		return;
	for (pp = &br->ports; *pp; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	fdb_flush_port(&br->fdb, p->id);
	br->ids &= ~(1ULL << p->id);
	p->br = NULL;
	p->next = NULL;
	pr_info("bridge %s: port %s left\n", br->name, p->name);
}

static void out(struct bridge_port *p, const void *frame, u32 len)
{
	if (p->xmit(p, frame, len)) {
		p->stats.out_dropped++;
		return;
	}
	p->stats.out_frames++;
	p->stats.out_bytes += len;
}

void bridge_input(struct bridge_port *in, const void *frame, u32 len)
{
	struct bridge *br = in->br;
	struct bridge_port *p;
	enum fdb_verdict v;
	u16 to = FDB_PORT_NONE;

	if (!br)
		return;
	in->stats.in_frames++;
	in->stats.in_bytes += len;
	v = fdb_decide(&br->fdb, frame, len, in->id, now_ms(), &to, NULL);
	if (v == FDB_DROP) {
		br->dropped++;
		in->stats.in_dropped++;
		return;
	}
	if (v == FDB_UNICAST) {
		for (p = br->ports; p; p = p->next) {
			if (p->id == to && p != in) {
				br->unicast++;
				out(p, frame, len);
				return;
			}
		}
		/* no such port (cannot be: its entries left with it) */
	}
	br->flooded++;
	for (p = br->ports; p; p = p->next)
		if (p != in)
			out(p, frame, len);
}

static void bridge_cmd(void)
{
	struct bridge_port *p;
	struct fdb_entry e;
	struct bridge *br;
	unsigned int i;

	if (!bridges) {
		printk("bridge: none\n");
		return;
	}
	for (br = bridges; br; br = br->next) {
		printk("%s: %llu unicast, %llu flooded, %llu dropped; learned %llu, moved %llu, replaced %llu\n",
		       br->name, (unsigned long long)br->unicast,
		       (unsigned long long)br->flooded,
		       (unsigned long long)br->dropped,
		       (unsigned long long)br->fdb.learned,
		       (unsigned long long)br->fdb.moved,
		       (unsigned long long)br->fdb.replaced);
		for (p = br->ports; p; p = p->next)
			printk("  port %u %s: in %llu (%llu dropped), out %llu (%llu dropped)\n",
			       p->id, p->name,
			       (unsigned long long)p->stats.in_frames,
			       (unsigned long long)p->stats.in_dropped,
			       (unsigned long long)p->stats.out_frames,
			       (unsigned long long)p->stats.out_dropped);
		for (i = 0; fdb_entry_get(&br->fdb, i, now_ms(), &e); i++)
			printk("  %02x:%02x:%02x:%02x:%02x:%02x on port %u\n",
			       e.mac[0], e.mac[1], e.mac[2], e.mac[3],
			       e.mac[4], e.mac[5], e.port);
	}
}
MONITOR_CMD(bridge_monitor, "bridge", "bridge: dom0's bridges and ports",
	    bridge_cmd);
