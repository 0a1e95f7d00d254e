// SPDX-License-Identifier: GPL-2.0
/*
 * The toolstack's control nodes (control/ in this domain's xenstore
 * home): `xl shutdown`, `xl reboot` and `xl sysrq` on a Tern domU.
 *
 * We advertise control/feature-poweroff and control/feature-reboot, so xl
 * asks through xenstore instead of destroying the domain. A request is
 * acknowledged the way Linux does it (read and clear the node in one
 * transaction, retried on EAGAIN), then acted on from work context: the
 * verdict is flushed to the console by the machine ops before the domain
 * goes. Unknown requests are logged and ignored; "suspend" is refused
 * (Tern cannot suspend yet).
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/xen/xenstore.h>
#include <tern/xen/xen_devices.h>
#include <asm/reboot.h>

#define TX_RETRIES	10

static u64 requests;

/* Read node and clear it in one transaction: its length or -errno. */
static int take_request(const char *node, char *buf, size_t size)
{
	unsigned int tries;
	xs_tx_t tx;
	int len = -EAGAIN, err;

	for (tries = 0; tries < TX_RETRIES && len == -EAGAIN; tries++) {
		err = xs_transaction_start(&tx);
		if (err)
			return err;
		len = xs_read(tx, node, buf, size);
		if (len <= 0) {
			xs_transaction_end(tx, true);
			return len;
		}
		err = xs_write(tx, node, "");
		if (err) {
			xs_transaction_end(tx, true);
			return err;
		}
		err = xs_transaction_end(tx, false);
		if (err)
			len = err;
	}
	return len;
}

static void shutdown_cb(struct xs_watch *w, const char *path)
{
	char req[32];
	int len = take_request("control/shutdown", req, sizeof(req));

	if (len <= 0)
		return;		/* the registration event, or gone */
	requests++;
	pr_info("xen: shutdown request '%s' from the toolstack\n", req);
	if (!strcmp(req, "poweroff") || !strcmp(req, "halt"))
		machine_ops.poweroff();
	else if (!strcmp(req, "reboot"))
		machine_ops.restart();
	else
		pr_warn("xen: shutdown request '%s' not supported, ignored\n",
			req);
}

static void sysrq_cb(struct xs_watch *w, const char *path)
{
	char req[8];
	int len = take_request("control/sysrq", req, sizeof(req));

	if (len <= 0)
		return;
	requests++;
	pr_info("xen: sysrq '%c'\n", req[0]);
	switch (req[0]) {
	case 'b':
		machine_ops.restart();
		break;
	case 'o':
		machine_ops.poweroff();
		break;
	case 'c':
		panic("sysrq: crash requested by the toolstack");
	case 'm':
		printk("sysrq: %llu KiB free of %llu KiB\n",
		       kernel_pages.free_pages * 4, kernel_pages.total_pages * 4);
		break;
	default:
		pr_warn("xen: sysrq '%c' unknown (b reboot, o poweroff, c crash, m memory)\n",
			req[0]);
	}
}

static struct xs_watch shutdown_watch = { .path = "control/shutdown",
					  .cb = shutdown_cb };
static struct xs_watch sysrq_watch = { .path = "control/sysrq",
				       .cb = sysrq_cb };

u64 xen_control_requests(void)
{
	return requests;
}

int xen_control_init(void)
{
	int err;

	err = xs_watch(&shutdown_watch);
	if (!err)
		err = xs_watch(&sysrq_watch);
	if (!err)
		err = xs_write(XS_TX_NONE, "control/feature-poweroff", "1");
	if (!err)
		err = xs_write(XS_TX_NONE, "control/feature-reboot", "1");
	if (err)
		pr_err("xen: control nodes not set up (%d): xl shutdown will not work\n",
		       err);
	return err;
}
