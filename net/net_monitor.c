// SPDX-License-Identifier: GPL-2.0
/*
 * Monitor commands of the IPv4 stack: ifconfig (interfaces, addresses,
 * counters), arp (the caches) and ping HOST [COUNT] (bounded: one second
 * per echo at most).
 */
#include <tern/kernel.h>
#include <tern/monitor.h>
#include <tern/net.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/timer.h>

static void print_mac(const char *label, const u8 *m)
{
	printk("%s%02x:%02x:%02x:%02x:%02x:%02x", label, m[0], m[1], m[2],
	       m[3], m[4], m[5]);
}

static void cmd_ifconfig(void)
{
	const struct net_counters *c;
	struct net_device *d;
	unsigned int i, r;
	char a[16], m[16], g[16];
	u32 addr, mask, gw;

	if (!netdev_get(0))
		printk("no network interfaces\n");
	for (i = 0; (d = netdev_get(i)); i++) {
		printk("%s: ", d->name);
		print_mac("mac ", d->mac);
		printk(" mtu %u carrier %s\n", d->mtu, d->carrier ? "up" : "down");
		if (net_dev_addr(d, &addr, &mask, &gw)) {
			net_format_ipv4(a, addr);
			net_format_ipv4(m, mask);
			net_format_ipv4(g, gw);
			printk("  inet %s netmask %s gateway %s\n", a, m,
			       gw ? g : "none");
		} else {
			printk("  no address\n");
		}
		printk("  rx packets %llu bytes %llu dropped %llu errors %llu\n",
		       d->stats.rx_packets, d->stats.rx_bytes,
		       d->stats.rx_dropped, d->stats.rx_errors);
		printk("  tx packets %llu bytes %llu dropped %llu errors %llu\n",
		       d->stats.tx_packets, d->stats.tx_bytes,
		       d->stats.tx_dropped, d->stats.tx_errors);
		c = net_dev_counters(d);
		if (c) {
			printk("  stack: frames %llu echo-replied %llu udp rx %llu tx %llu arp req %llu rep %llu failed %llu queue-dropped %llu\n",
			       c->rx_frames, c->icmp_echo_replied, c->udp_rx,
			       c->udp_tx, c->arp_requests_sent,
			       c->arp_replies_sent, c->arp_resolve_failed,
			       c->arp_queue_dropped);
			printk("  drops:");
			for (r = 1; r < NET_RX_NR; r++)
				if (c->rx[r])
					printk(" %s %llu", net_rx_reason_name(r),
					       c->rx[r]);
			printk("\n");
		}
		if (d->ops && d->ops->describe)
			d->ops->describe(d);
	}
}
MONITOR_CMD(ifconfig_cmd, "ifconfig", "network interfaces, addresses, counters",
	    cmd_ifconfig);

static void cmd_arp(void)
{
	struct net_device *d;
	struct arp_entry e;
	unsigned int i, j;
	u64 now = ktime_ns();
	char a[16];

	for (i = 0; (d = netdev_get(i)); i++) {
		for (j = 0; arp_entry_get(d, j, &e); j++) {
			if (e.state == ARP_FREE)
				continue;
			net_format_ipv4(a, e.ip);
			printk("%s %-15s ", d->name, a);
			if (e.state == ARP_RESOLVED) {
				print_mac("", e.mac);
				printk(" expires in %llu ms\n",
				       e.deadline > now ?
				       (e.deadline - now) / NSEC_PER_MSEC : 0);
			} else {
				printk("(resolving, try %u)\n", e.tries);
			}
		}
	}
}
MONITOR_CMD(arp_cmd, "arp", "the ARP caches", cmd_arp);

#define PING_LEN	56
#define PING_TIMEOUT_MS	1000
#define PING_MAX_COUNT	1000

static void cmd_ping(const char *args)
{
	const char *sp = strchr(args, ' ');
	u32 hlen = sp ? (u32)(sp - args) : (u32)strlen(args);
	u32 dst, count = 4, sent, got = 0, i;
	u64 n, min = ~0ULL, max = 0, sum = 0;
	struct ping_result r;
	char a[16];
	int ret;

	if (net_parse_ipv4(args, hlen, &dst)) {
		printk("usage: ping A.B.C.D [COUNT]\n");
		return;
	}
	if (sp) {
		while (*sp == ' ')
			sp++;
		if (*sp && (kstrtou64(sp, 10, &n) || !n ||
			    n > PING_MAX_COUNT)) {
			printk("ping: COUNT is 1..%u\n", PING_MAX_COUNT);
			return;
		}
		if (*sp)
			count = (u32)n;
	}
	net_format_ipv4(a, dst);
	printk("PING %s: %u data bytes\n", a, PING_LEN);
	for (sent = 0, i = 0; i < count; i++) {
		ret = net_ping(dst, (u16)i, PING_LEN, PING_TIMEOUT_MS, &r);
		if (ret == -ENETUNREACH || ret == -EMSGSIZE) {
			printk("ping: %s: %s\n", a, ret == -ENETUNREACH ?
			       "network unreachable" : "too big");
			break;
		}
		sent++;
		if (ret == 0) {
			got++;
			printk("%u bytes from %s: seq=%u time=%llu us\n",
			       r.len + ICMP_HLEN, a, i, r.rtt_ns / NSEC_PER_USEC);
			min = min(min, r.rtt_ns);
			max = max(max, r.rtt_ns);
			sum += r.rtt_ns;
		} else if (ret == -EIO) {
			printk("reply from %s: seq=%u: wrong contents\n", a, i);
		} else {
			printk("no reply from %s: seq=%u\n", a, i);
		}
	}
	printk("--- %s: %u sent, %u received, %u%% loss\n", a, sent, got,
	       sent ? (sent - got) * 100 / sent : 0);
	if (got)
		printk("rtt min/avg/max = %llu/%llu/%llu us\n",
		       min / NSEC_PER_USEC, sum / got / NSEC_PER_USEC,
		       max / NSEC_PER_USEC);
}
MONITOR_CMD_ARGS(ping_cmd, "ping", "ping A.B.C.D [COUNT]: ICMP echo", cmd_ping);
