// SPDX-License-Identifier: GPL-2.0
/*
 * ternnet: the network checks of the Xen domU test bed, run in dom0 (and
 * in the --self-test guest), built on the host by selftests/xen-domu with
 * gcc -static (Documentation/xen-testbed.md, "Networking").
 *
 *   ternnet ping ADDR COUNT MIN-MAX [WAIT_S]
 *	COUNT ICMP echoes, one at a time, payload sizes cycling MIN..MAX
 *	(e.g. 0-1472: 1500-byte IP packets at the top). Each reply must
 *	come from ADDR with our id and sequence, the sent length and the
 *	sent bytes, and a valid ICMP checksum; an echo unanswered within
 *	1 s is lost. WAIT_S > 0: first repeat echo 0 (once per 200 ms)
 *	until ADDR answers, for up to WAIT_S s (a peer still booting).
 *   ternnet udpcheck ADDR[:PORT] MIN-MAX
 *	one UDP datagram of every size MIN..MAX to ADDR:PORT (default 7,
 *	echo); each echo must have the sent length and bytes (up to 3
 *	tries per size, 1 s each; a reply of another size or content is
 *	counted as stale and ignored).
 *   ternnet udpecho [ADDR:]PORT [UNTIL TIMEOUT_S [FLAGFILE]]
 *	UDP echo server (in the background); on SIGTERM prints what it
 *	served and exits 0. With UNTIL: exits 0 right after echoing a
 *	datagram that is exactly the text UNTIL, 1 after TIMEOUT_S without;
 *	with FLAGFILE it instead creates FLAGFILE then and serves on (until
 *	SIGTERM or TIMEOUT_S).
 *   ternnet udpsend ADDR[:PORT] TEXT WAIT_S
 *	sends TEXT to ADDR:PORT (default 7) every 200 ms until it comes
 *	back, for up to WAIT_S s (tells an udpecho ... UNTIL that we are
 *	done; the test bed's "tern-test: dom0 net done").
 *   ternnet flood ADDR SECONDS PAYLOAD [WAIT_S]
 *	ICMP echo under flood, like `ping -f`: the next echo goes out as
 *	soon as the last one's reply is in, or 10 ms after the last send,
 *	whichever comes first, for SECONDS s; then up to 1 s for the
 *	replies still due. Every reply is checked as in ping; the rate is
 *	replies per second from the first send to the last reply. WAIT_S
 *	as in ping. PASS: no bad reply, at most 1 % lost.
 *   ternnet udpflood ADDR[:PORT] SECONDS SIZE WINDOW [WAIT_S]
 *	UDP echo throughput: SIZE-byte datagrams (1472 for a 1500-byte IP
 *	packet) to ADDR:PORT (default 7), WINDOW of them in flight, for
 *	SECONDS s (then up to 1 s for the echoes still due). Each carries
 *	a run nonce, its sequence number and a pattern of it; each echo
 *	must be an outstanding one with the sent length and bytes. A
 *	datagram not echoed within 200 ms is lost (its slot is reused; a
 *	later echo of it counts as late). WAIT_S > 0: first send a probe
 *	every 200 ms until it comes back, for up to WAIT_S s. PASS: no bad
 *	echo, at most 1 % lost.
 *
 * Each check prints one line, key=value after the mode, ending in
 * result=PASS or result=FAIL, and exits 0 on PASS, 1 on FAIL, 2 on a
 * usage error:
 *   ternnet ping: addr=A sent=N received=N lost=0 bad=0 sizes=0..1472
 *	rtt_us_min=.. rtt_us_median=.. rtt_us_p99=.. rtt_us_max=.. result=PASS
 *   ternnet udpcheck: addr=A port=7 sizes=0..1472 ok=1473 failed=0
 *	retries=0 stale=0 rtt_us_min=.. ..._median ..._p99 ..._max result=PASS
 *   ternnet flood: addr=A payload=56 secs=3 sent=N received=N lost=N bad=N
 *	dup=N elapsed_us=N rate_per_s=N.N rtt_us_... result=PASS
 *   ternnet udpflood: addr=A port=7 size=1472 window=16 secs=3 sent=N
 *	echoed=N lost=N late=N bad=N errors=N elapsed_us=N dgrams_per_s=N.N
 *	MiB_per_s=N.NN rtt_us_... result=PASS
 * Every wait is bounded; the peer is a guest under test, so nothing it
 * sends is trusted beyond the checks.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXPAY 65507
#define REPLY_MS 1000

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void usage(void)
{
	fprintf(stderr, "usage: ternnet ping ADDR COUNT MIN-MAX [WAIT_S]\n"
		"       ternnet udpcheck ADDR[:PORT] MIN-MAX\n"
		"       ternnet udpecho [ADDR:]PORT [UNTIL TIMEOUT_S]\n"
		"       ternnet udpsend ADDR[:PORT] TEXT WAIT_S\n"
		"       ternnet flood ADDR SECONDS PAYLOAD [WAIT_S]\n"
		"       ternnet udpflood ADDR[:PORT] SECONDS SIZE WINDOW [WAIT_S]\n");
	exit(2);
}

static long num(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		usage();
	return v;
}

static void range(const char *s, long *lo, long *hi, long max)
{
	char buf[64], *dash;

	snprintf(buf, sizeof(buf), "%s", s);
	dash = strchr(buf, '-');
	if (dash) {
		*dash = 0;
		*lo = num(buf, 0, max);
		*hi = num(dash + 1, *lo, max);
	} else {
		*lo = *hi = num(buf, 0, max);
	}
}

/* ADDR[:PORT] into sa (port defaults to dport). */
static void addr(const char *s, struct sockaddr_in *sa, int dport)
{
	char buf[64], *colon;

	snprintf(buf, sizeof(buf), "%s", s);
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(dport);
	colon = strchr(buf, ':');
	if (colon) {
		*colon = 0;
		sa->sin_port = htons(num(colon + 1, 1, 65535));
	}
	if (!buf[0])
		sa->sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, buf, &sa->sin_addr) != 1)
		usage();
}

static uint8_t pattern(unsigned long tag, size_t off)
{
	return (uint8_t)(tag * 7 + off * 31 + 0x5a + (off >> 8));
}

static uint16_t csum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		s += (uint32_t)b[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* " rtt_us_min=.. rtt_us_median=.. rtt_us_p99=.. rtt_us_max=.." */
static void print_rtt(uint64_t *rtt, size_t n)
{
	if (!n) {
		printf(" rtt_us_min=- rtt_us_median=- rtt_us_p99=- rtt_us_max=-");
		return;
	}
	qsort(rtt, n, sizeof(*rtt), cmp_u64);
	printf(" rtt_us_min=%llu rtt_us_median=%llu rtt_us_p99=%llu rtt_us_max=%llu",
	       (unsigned long long)rtt[0], (unsigned long long)rtt[n / 2],
	       (unsigned long long)rtt[(n * 99 + 99) / 100 - 1],
	       (unsigned long long)rtt[n - 1]);
}

static uint8_t txbuf[MAXPAY + 64], rxbuf[MAXPAY + 128];

static int send_echo(int fd, const struct sockaddr_in *to, uint16_t id,
		     uint16_t seq, size_t pay)
{
	struct icmphdr *h = (struct icmphdr *)txbuf;
	size_t i;

	memset(h, 0, sizeof(*h));
	h->type = ICMP_ECHO;
	h->un.echo.id = htons(id);
	h->un.echo.sequence = htons(seq);
	for (i = 0; i < pay; i++)
		txbuf[sizeof(*h) + i] = pattern(seq, i);
	h->checksum = htons(csum(txbuf, sizeof(*h) + pay));
	return sendto(fd, txbuf, sizeof(*h) + pay, 0,
		      (const struct sockaddr *)to, sizeof(*to)) ==
		(ssize_t)(sizeof(*h) + pay) ? 0 : -1;
}

/*
 * Wait until deadline for the echo reply (id, seq) from to. Returns 1 for
 * a good reply, 0 for a timeout, -1 for a reply with our id and seq whose
 * length, bytes or checksum are wrong.
 */
static int wait_reply(int fd, const struct sockaddr_in *to, uint16_t id,
		      uint16_t seq, size_t pay, uint64_t deadline)
{
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t t = now_us();
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		const struct icmphdr *h;
		size_t ihl, len, i;
		ssize_t n;

		if (t >= deadline)
			return 0;
		if (poll(&pfd, 1, (int)((deadline - t + 999) / 1000)) <= 0)
			continue;
		n = recvfrom(fd, rxbuf, sizeof(rxbuf), 0,
			     (struct sockaddr *)&from, &fl);
		if (n < (ssize_t)sizeof(struct iphdr))
			continue;
		if (from.sin_addr.s_addr != to->sin_addr.s_addr)
			continue;
		ihl = (size_t)(rxbuf[0] & 0xf) * 4;
		if (ihl < 20 || (size_t)n < ihl + sizeof(*h))
			continue;
		h = (const struct icmphdr *)(rxbuf + ihl);
		if (h->type != ICMP_ECHOREPLY || ntohs(h->un.echo.id) != id ||
		    ntohs(h->un.echo.sequence) != seq)
			continue;
		len = (size_t)n - ihl;
		if (h->code != 0 || len != sizeof(*h) + pay ||
		    csum(h, len) != 0)
			return -1;
		for (i = 0; i < pay; i++)
			if (rxbuf[ihl + sizeof(*h) + i] != pattern(seq, i))
				return -1;
		return 1;
	}
}

static int do_ping(int argc, char **argv)
{
	struct sockaddr_in to;
	long count, lo, hi, wait_s = 0, i;
	unsigned long received = 0, lost = 0, bad = 0, nrtt = 0, run = 0;
	uint64_t *rtt;
	uint16_t id = (uint16_t)getpid();
	int fd, r;

	if (argc < 5 || argc > 6)
		usage();
	addr(argv[2], &to, 0);
	count = num(argv[3], 1, 1000000);
	range(argv[4], &lo, &hi, 65507 - 8 - 20);
	if (argc == 6)
		wait_s = num(argv[5], 0, 3600);
	rtt = calloc((size_t)count, sizeof(*rtt));
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0 || !rtt) {
		perror("ternnet ping: socket");
		return 1;
	}
	if (wait_s > 0) {
		uint64_t end = now_us() + (uint64_t)wait_s * 1000000;

		r = 0;
		while (r != 1 && now_us() < end) {
			send_echo(fd, &to, id, 0xffff, 0);
			r = wait_reply(fd, &to, id, 0xffff, 0, now_us() + 200000);
		}
	}
	/* Five echoes lost in a row: the peer is gone, stop (bounded). */
	for (i = 0; i < count && run < 5; i++) {
		size_t pay = (size_t)(lo + i % (hi - lo + 1));
		uint16_t seq = (uint16_t)i;
		uint64_t t0 = now_us();

		if (send_echo(fd, &to, id, seq, pay)) {
			lost++;
			/* e.g. no ARP answer yet: do not spin. */
			usleep(10000);
			continue;
		}
		r = wait_reply(fd, &to, id, seq, pay, t0 + REPLY_MS * 1000);
		if (r == 1) {
			received++;
			rtt[nrtt++] = now_us() - t0;
			run = 0;
		} else if (r < 0) {
			bad++;
			run = 0;
		} else {
			lost++;
			run++;
		}
	}
	if (i < count)
		printf("ternnet ping: aborted after %ld of %ld echoes (5 lost in a row)\n",
		       i, count);
	printf("ternnet ping: addr=%s sent=%ld received=%lu lost=%lu bad=%lu sizes=%ld..%ld",
	       inet_ntoa(to.sin_addr), i, received, lost, bad, lo, hi);
	print_rtt(rtt, nrtt);
	r = received == (unsigned long)count && !bad;
	printf(" result=%s\n", r ? "PASS" : "FAIL");
	return r ? 0 : 1;
}

static int do_udpcheck(int argc, char **argv)
{
	struct sockaddr_in to;
	long lo, hi, s;
	unsigned long ok = 0, failed = 0, retries = 0, stale = 0, nrtt = 0;
	unsigned long run = 0;
	uint64_t *rtt;
	int fd, r;

	if (argc != 4)
		usage();
	addr(argv[2], &to, 7);
	range(argv[3], &lo, &hi, 65507);
	rtt = calloc((size_t)(hi - lo + 1), sizeof(*rtt));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || !rtt || connect(fd, (struct sockaddr *)&to, sizeof(to))) {
		perror("ternnet udpcheck: socket");
		return 1;
	}
	/* Three sizes failed in a row: the peer is gone, stop (bounded). */
	for (s = lo; s <= hi && run < 3; s++) {
		int try, good = 0;
		size_t i;

		for (i = 0; i < (size_t)s; i++)
			txbuf[i] = pattern((unsigned long)s, i);
		for (try = 0; try < 3 && !good; try++) {
			uint64_t t0 = now_us(), end = t0 + REPLY_MS * 1000;

			if (try)
				retries++;
			if (send(fd, txbuf, (size_t)s, 0) != s) {
				usleep(10000);
				continue;
			}
			while (!good) {
				struct pollfd pfd = { .fd = fd, .events = POLLIN };
				uint64_t t = now_us();
				ssize_t n;

				if (t >= end)
					break;
				if (poll(&pfd, 1, (int)((end - t + 999) / 1000)) <= 0)
					continue;
				/* Connected: only datagrams from ADDR:PORT. */
				n = recv(fd, rxbuf, sizeof(rxbuf), 0);
				if (n < 0) {
					/* ICMP port unreachable: count it, wait on. */
					usleep(10000);
					continue;
				}
				if (n != s || memcmp(rxbuf, txbuf, (size_t)s)) {
					stale++;
					continue;
				}
				good = 1;
				rtt[nrtt++] = now_us() - t0;
			}
		}
		if (good) {
			ok++;
			run = 0;
		} else {
			failed++;
			run++;
		}
	}
	printf("ternnet udpcheck: addr=%s port=%d sizes=%ld..%ld ok=%lu failed=%lu retries=%lu stale=%lu",
	       inet_ntoa(to.sin_addr), ntohs(to.sin_port), lo, hi, ok,
	       failed, retries, stale);
	print_rtt(rtt, nrtt);
	r = !failed;
	printf(" result=%s\n", r ? "PASS" : "FAIL");
	return r ? 0 : 1;
}

static volatile sig_atomic_t stop;

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int do_udpecho(int argc, char **argv)
{
	struct sockaddr_in me;
	struct sigaction sa;
	unsigned long rx = 0, tx = 0, bytes = 0;
	char peers[256] = "";
	const char *until = NULL;
	uint64_t end = 0;
	int fd, one = 1, rc = 0;

	const char *flag = NULL;
	int seen = 0;

	if (argc != 3 && argc != 5 && argc != 6)
		usage();
	if (argc == 6)
		flag = argv[5];
	if (argc >= 5) {
		until = argv[3];
		end = now_us() + (uint64_t)num(argv[4], 1, 86400) * 1000000;
	}
	if (strchr(argv[2], ':'))
		addr(argv[2], &me, 7);
	else
		addr("", &me, (int)num(argv[2], 1, 65535));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;	/* no SA_RESTART: recvfrom returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return perror("ternnet udpecho: socket"), 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&me, sizeof(me)))
		return perror("ternnet udpecho: bind"), 1;
	printf("ternnet udpecho: listening on %s:%d\n", inet_ntoa(me.sin_addr),
	       ntohs(me.sin_port));
	fflush(stdout);
	while (!stop) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n;

		if (until && now_us() >= end) {
			rc = !seen;
			break;
		}
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		n = recvfrom(fd, rxbuf, sizeof(rxbuf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &fl);
		if (n < 0)
			continue;
		rx++;
		bytes += (unsigned long)n;
		if (!strstr(peers, inet_ntoa(from.sin_addr)) &&
		    strlen(peers) < sizeof(peers) - 20) {
			strcat(peers, peers[0] ? "," : "");
			strcat(peers, inet_ntoa(from.sin_addr));
		}
		if (sendto(fd, rxbuf, (size_t)n, 0, (struct sockaddr *)&from,
			   fl) == n)
			tx++;
		if (until && !seen && (size_t)n == strlen(until) &&
		    !memcmp(rxbuf, until, (size_t)n)) {
			FILE *f;

			seen = 1;
			if (!flag)
				break;
			f = fopen(flag, "w");
			if (f)
				fclose(f);
		}
	}
	printf("ternnet udpecho: port=%d received=%lu echoed=%lu bytes=%lu peers=%s%s\n",
	       ntohs(me.sin_port), rx, tx, bytes, peers[0] ? peers : "-",
	       !until ? "" : seen ? " until=seen" : " until=timeout");
	return rc;
}

static int do_udpsend(int argc, char **argv)
{
	struct sockaddr_in to;
	size_t len;
	uint64_t end;
	int fd, tries = 0, good = 0;

	if (argc != 5)
		usage();
	addr(argv[2], &to, 7);
	len = strlen(argv[3]);
	if (len > 1024)
		usage();
	end = now_us() + (uint64_t)num(argv[4], 1, 3600) * 1000000;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof(to)))
		return perror("ternnet udpsend: socket"), 1;
	while (!good && now_us() < end) {
		uint64_t t = now_us() + 200000;

		tries++;
		if (send(fd, argv[3], len, 0) != (ssize_t)len) {
			usleep(200000);
			continue;
		}
		while (!good && now_us() < t) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };
			ssize_t n;

			if (poll(&pfd, 1, (int)((t - now_us() + 999) / 1000)) <= 0)
				continue;
			n = recv(fd, rxbuf, sizeof(rxbuf), MSG_DONTWAIT);
			if (n < 0) {
				/* port unreachable: nobody listens yet */
				usleep(50000);
				continue;
			}
			good = (size_t)n == len && !memcmp(rxbuf, argv[3], len);
		}
	}
	printf("ternnet udpsend: addr=%s port=%d tries=%d result=%s\n",
	       inet_ntoa(to.sin_addr), ntohs(to.sin_port), tries,
	       good ? "PASS" : "FAIL");
	return good ? 0 : 1;
}

/*
 * The benchmark's modes (scripts/bench, Documentation/bench.md,
 * "Network"): flood and udpflood. Both keep a table of what is
 * outstanding, indexed by the low bits of the sequence number, so an
 * echo is matched in O(1) and a stale or forged one is told apart.
 */
#define SLOTS 65536		/* > anything in flight; power of two */
#define FLOOD_GAP_US 10000	/* ping -f: at least 100 echoes per second */
#define DRAIN_US 1000000
#define UDP_LOSS_US 200000
#define MAXSAMPLES (1u << 20)

struct outstanding {
	uint64_t sent_us[SLOTS];	/* 0: free */
	uint32_t seq[SLOTS];
	uint64_t *rtt;
	size_t nrtt;
};

static struct outstanding out;

static void rtt_add(uint64_t us)
{
	if (out.nrtt < MAXSAMPLES)
		out.rtt[out.nrtt++] = us;
}

/* Repeat echo 0xffff (payload 0) every 200 ms until it is answered. */
static void icmp_wait_up(int fd, const struct sockaddr_in *to, uint16_t id,
			 long wait_s)
{
	uint64_t end = now_us() + (uint64_t)wait_s * 1000000;
	int r = 0;

	while (r != 1 && now_us() < end) {
		send_echo(fd, to, id, 0xffff, 0);
		r = wait_reply(fd, to, id, 0xffff, 0, now_us() + 200000);
	}
}

/*
 * One echo reply from rxbuf (n bytes from from): 1 and *seq for a good
 * one of ours, 0 for someone else's, -1 for ours but damaged.
 */
static int flood_reply(ssize_t n, const struct sockaddr_in *from,
		       const struct sockaddr_in *to, uint16_t id, size_t pay,
		       uint16_t *seq)
{
	const struct icmphdr *h;
	size_t ihl, len, i;

	if (n < (ssize_t)sizeof(struct iphdr) ||
	    from->sin_addr.s_addr != to->sin_addr.s_addr)
		return 0;
	ihl = (size_t)(rxbuf[0] & 0xf) * 4;
	if (ihl < 20 || (size_t)n < ihl + sizeof(*h))
		return 0;
	h = (const struct icmphdr *)(rxbuf + ihl);
	if (h->type != ICMP_ECHOREPLY || ntohs(h->un.echo.id) != id ||
	    ntohs(h->un.echo.sequence) == 0xffff)
		return 0;
	*seq = ntohs(h->un.echo.sequence);
	len = (size_t)n - ihl;
	if (h->code != 0 || len != sizeof(*h) + pay || csum(h, len) != 0)
		return -1;
	for (i = 0; i < pay; i++)
		if (rxbuf[ihl + sizeof(*h) + i] != pattern(*seq, i))
			return -1;
	return 1;
}

static int do_flood(int argc, char **argv)
{
	struct sockaddr_in to;
	long secs, pay, wait_s = 0;
	unsigned long sent = 0, received = 0, bad = 0, dup = 0, lost;
	uint64_t t0, t_end, t_last_send = 0, t_last_rx = 0, elapsed;
	uint16_t id = (uint16_t)getpid(), seq = 0;
	unsigned int inflight = 0;
	int fd, ok;

	if (argc < 5 || argc > 6)
		usage();
	addr(argv[2], &to, 0);
	secs = num(argv[3], 1, 3600);
	pay = num(argv[4], 0, 65507 - 8 - 20);
	if (argc == 6)
		wait_s = num(argv[5], 0, 3600);
	out.rtt = calloc(MAXSAMPLES, sizeof(*out.rtt));
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0 || !out.rtt) {
		perror("ternnet flood: socket");
		return 1;
	}
	if (wait_s > 0)
		icmp_wait_up(fd, &to, id, wait_s);
	t0 = now_us();
	t_end = t0 + (uint64_t)secs * 1000000;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t t = now_us(), until;
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		uint16_t rseq;
		ssize_t n;
		int r;

		if (t >= t_end + DRAIN_US || (t >= t_end && !inflight))
			break;
		if (t < t_end && (!inflight || t - t_last_send >= FLOOD_GAP_US) &&
		    seq != 0xffff) {
			/* A slot still taken after 65535 sends is lost. */
			if (out.sent_us[seq]) {
				out.sent_us[seq] = 0;
				inflight--;
			}
			if (!send_echo(fd, &to, id, seq, (size_t)pay)) {
				out.sent_us[seq] = now_us();
				inflight++;
				sent++;
			}
			t_last_send = now_us();
			seq = (uint16_t)(seq + 1);
			if (seq == 0xffff)	/* the warm-up's */
				seq = 0;
			continue;
		}
		until = t < t_end ? t_last_send + FLOOD_GAP_US : t_end + DRAIN_US;
		if (until > t_end + DRAIN_US)
			until = t_end + DRAIN_US;
		if (poll(&pfd, 1, until > t ? (int)((until - t + 999) / 1000) : 0) <= 0)
			continue;
		n = recvfrom(fd, rxbuf, sizeof(rxbuf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &fl);
		if (n < 0)
			continue;
		r = flood_reply(n, &from, &to, id, (size_t)pay, &rseq);
		if (r < 0) {
			bad++;
		} else if (r > 0 && !out.sent_us[rseq]) {
			dup++;
		} else if (r > 0) {
			t_last_rx = now_us();
			rtt_add(t_last_rx - out.sent_us[rseq]);
			out.sent_us[rseq] = 0;
			inflight--;
			received++;
		}
	}
	lost = sent - received;
	elapsed = t_last_rx > t0 ? t_last_rx - t0 : 0;
	printf("ternnet flood: addr=%s payload=%ld secs=%ld sent=%lu received=%lu lost=%lu bad=%lu dup=%lu elapsed_us=%llu rate_per_s=%.1f",
	       inet_ntoa(to.sin_addr), pay, secs, sent, received, lost, bad,
	       dup, (unsigned long long)elapsed,
	       elapsed ? received * 1e6 / (double)elapsed : 0.0);
	print_rtt(out.rtt, out.nrtt);
	ok = received > 0 && !bad && lost * 100 <= sent;
	printf(" result=%s\n", ok ? "PASS" : "FAIL");
	return ok ? 0 : 1;
}

static void udp_fill(uint32_t nonce, uint32_t seq, size_t size)
{
	size_t i;

	txbuf[0] = (uint8_t)(nonce >> 24);
	txbuf[1] = (uint8_t)(nonce >> 16);
	txbuf[2] = (uint8_t)(nonce >> 8);
	txbuf[3] = (uint8_t)nonce;
	txbuf[4] = (uint8_t)(seq >> 24);
	txbuf[5] = (uint8_t)(seq >> 16);
	txbuf[6] = (uint8_t)(seq >> 8);
	txbuf[7] = (uint8_t)seq;
	for (i = 8; i < size; i++)
		txbuf[i] = pattern(seq, i);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		(uint32_t)p[2] << 8 | p[3];
}

static int do_udpflood(int argc, char **argv)
{
	struct sockaddr_in to;
	long secs, size, window, wait_s = 0;
	unsigned long sent = 0, echoed = 0, lost = 0, late = 0, bad = 0;
	unsigned long errors = 0;
	uint32_t nonce, next = 0, oldest = 0;
	uint64_t t0, t_end, t_last_rx = 0, elapsed;
	unsigned long inflight = 0;
	int fd, ok;

	if (argc < 6 || argc > 7)
		usage();
	addr(argv[2], &to, 7);
	secs = num(argv[3], 1, 3600);
	size = num(argv[4], 8, 65507);
	window = num(argv[5], 1, 4096);
	if (argc == 7)
		wait_s = num(argv[6], 0, 3600);
	out.rtt = calloc(MAXSAMPLES, sizeof(*out.rtt));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || !out.rtt || connect(fd, (struct sockaddr *)&to, sizeof(to))) {
		perror("ternnet udpflood: socket");
		return 1;
	}
	nonce = (uint32_t)getpid() * 2654435761u ^ (uint32_t)now_us();
	if (wait_s > 0) {
		/* A probe of the nonce alone, until it is echoed. */
		uint64_t end = now_us() + (uint64_t)wait_s * 1000000;
		int up = 0;

		udp_fill(nonce, 0xffffffff, 8);
		while (!up && now_us() < end) {
			uint64_t t = now_us() + 200000;

			if (send(fd, txbuf, 8, 0) != 8) {
				usleep(200000);
				continue;
			}
			while (!up && now_us() < t) {
				struct pollfd pfd = { .fd = fd, .events = POLLIN };
				ssize_t n;

				if (poll(&pfd, 1, (int)((t - now_us() + 999) / 1000)) <= 0)
					continue;
				n = recv(fd, rxbuf, sizeof(rxbuf), MSG_DONTWAIT);
				if (n < 0) {
					usleep(50000);	/* port unreachable */
					continue;
				}
				up = n == 8 && !memcmp(rxbuf, txbuf, 8);
			}
		}
	}
	t0 = now_us();
	t_end = t0 + (uint64_t)secs * 1000000;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		uint64_t t = now_us(), until;
		uint32_t s;
		ssize_t n;

		/* The oldest outstanding datagram is lost after UDP_LOSS_US. */
		while (oldest != next &&
		       (!out.sent_us[oldest % SLOTS] ||
			t - out.sent_us[oldest % SLOTS] >= UDP_LOSS_US)) {
			if (out.sent_us[oldest % SLOTS]) {
				out.sent_us[oldest % SLOTS] = 0;
				inflight--;
				lost++;
			}
			oldest++;
		}
		if (t >= t_end + DRAIN_US || (t >= t_end && !inflight))
			break;
		while (t < t_end && inflight < (unsigned long)window &&
		       next - oldest < SLOTS) {
			udp_fill(nonce, next, (size_t)size);
			if (send(fd, txbuf, (size_t)size, 0) != size) {
				errors++;
				break;
			}
			out.sent_us[next % SLOTS] = now_us();
			out.seq[next % SLOTS] = next;
			next++;
			inflight++;
			sent++;
		}
		t = now_us();
		if (t < t_end && inflight < (unsigned long)window) {
			until = t + 1000;	/* a send failed: retry soon */
		} else {
			until = t < t_end ? t_end : t_end + DRAIN_US;
			if (oldest != next &&
			    out.sent_us[oldest % SLOTS] + UDP_LOSS_US < until)
				until = out.sent_us[oldest % SLOTS] + UDP_LOSS_US;
		}
		if (poll(&pfd, 1, until > t ? (int)((until - t + 999) / 1000) : 0) <= 0)
			continue;
		while ((n = recv(fd, rxbuf, sizeof(rxbuf), MSG_DONTWAIT)) >= 0 ||
		       errno == ECONNREFUSED) {
			if (n < 0) {
				errors++;
				continue;
			}
			if (n < 8 || be32(rxbuf) != nonce) {
				bad++;
				continue;
			}
			s = be32(rxbuf + 4);
			if (s == 0xffffffff)
				continue;	/* a late probe */
			if ((uint32_t)(s - oldest) >= next - oldest ||
			    !out.sent_us[s % SLOTS] || out.seq[s % SLOTS] != s) {
				late++;
				continue;
			}
			udp_fill(nonce, s, (size_t)size);
			if (n != size || memcmp(rxbuf, txbuf, (size_t)size)) {
				bad++;
				continue;
			}
			t_last_rx = now_us();
			rtt_add(t_last_rx - out.sent_us[s % SLOTS]);
			out.sent_us[s % SLOTS] = 0;
			inflight--;
			echoed++;
		}
	}
	elapsed = t_last_rx > t0 ? t_last_rx - t0 : 0;
	printf("ternnet udpflood: addr=%s port=%d size=%ld window=%ld secs=%ld sent=%lu echoed=%lu lost=%lu late=%lu bad=%lu errors=%lu elapsed_us=%llu dgrams_per_s=%.1f MiB_per_s=%.3f",
	       inet_ntoa(to.sin_addr), ntohs(to.sin_port), size, window, secs,
	       sent, echoed, lost + inflight, late, bad, errors,
	       (unsigned long long)elapsed,
	       elapsed ? echoed * 1e6 / (double)elapsed : 0.0,
	       elapsed ? echoed * (double)size / (double)elapsed *
	       1e6 / 1048576.0 : 0.0);
	print_rtt(out.rtt, out.nrtt);
	ok = echoed > 0 && !bad && (lost + inflight) * 100 <= sent;
	printf(" result=%s\n", ok ? "PASS" : "FAIL");
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "ping"))
		return do_ping(argc, argv);
	if (!strcmp(argv[1], "udpcheck"))
		return do_udpcheck(argc, argv);
	if (!strcmp(argv[1], "udpecho"))
		return do_udpecho(argc, argv);
	if (!strcmp(argv[1], "udpsend"))
		return do_udpsend(argc, argv);
	if (!strcmp(argv[1], "flood"))
		return do_flood(argc, argv);
	if (!strcmp(argv[1], "udpflood"))
		return do_udpflood(argc, argv);
	usage();
	return 2;
}
