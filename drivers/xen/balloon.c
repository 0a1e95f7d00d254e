// SPDX-License-Identifier: GPL-2.0
/*
 * The balloon: follow memory/target (KiB, written by `xl mem-set`) by
 * giving pages back to Xen and taking them again, up to the domain's
 * maximum.
 *
 * The seed's example of a driver that assumed one memory model: here it
 * never sees one. Pages come from and go to the page allocator; what
 * giving a frame back means (mfn and P2M under PV, gfn under PVH) is the
 * model's (xen_reservation ops, asm/xen/reservation.h).
 *
 * Accounting: Xen's count of our pages (XENMEM_current_reservation) is
 * the truth. At start the balloon notes how far it is from the target
 * (the toolstack's target and Xen's count differ by a fixed amount: the
 * pages Xen counts that Tern's allocator never had), and from then on
 * it moves Xen's count to target + that offset. A target above the
 * domain's maximum is clipped. A target above what we gave back asks
 * the model for room above the RAM we booted with (add_memory: a PV
 * domU started below maxmem grows its P2M; a PVH map already holds
 * maxmem): the new pages count as given back, to be taken like any;
 * what cannot be added is clipped and said.
 *
 * Work: the watch callback records the new goal and schedules the
 * balloon work, which moves BATCH pages per step and reschedules itself
 * until the goal is reached or it cannot move (no free page, Xen
 * refuses): then it stops and logs; a new target starts it again. Pages
 * given back are remembered (their addresses, in pages of pointers
 * taken from the allocator) to be taken back later; room that was added
 * is one range, taken from its low end once the stack is empty.
 */
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>
#include <tern/workqueue.h>
#include <tern/xen/balloon.h>
#include <tern/xen/xenstore.h>
#include <asm/xen/reservation.h>

#define BATCH		64
#define PTRS_PER_CHUNK	(PAGE_SIZE / sizeof(void *) - 1)

/* A page of pointers to ballooned pages; chunks form a stack. */
struct chunk {
	struct chunk *next;
	void *page[PTRS_PER_CHUNK];
};

struct balloon_stats balloon_stats;
static struct chunk *chunks;
static unsigned int top;		/* entries used in the first chunk */
static long offset;			/* Xen's count - target, at start */
static u8 *room;			/* added pages not taken yet ... */
static unsigned long room_left;		/* ... [room, room + left pages) */
static bool started;

static void balloon_work_fn(struct work *w);
static struct work balloon_work = WORK_INIT(balloon_work_fn, NULL);

static bool push_page(void *p)
{
	if (!chunks || top == PTRS_PER_CHUNK) {
		struct chunk *c = alloc_page(0);

		if (!c)
			return false;
		c->next = chunks;
		chunks = c;
		top = 0;
	}
	chunks->page[top++] = p;
	return true;
}

static void *pop_page(void)
{
	void *p;

	if (!chunks) {
		if (!room_left)
			return NULL;
		p = room;
		room += PAGE_SIZE;
		room_left--;
		return p;
	}
	/* the first chunk is never empty: it is freed when it becomes so */
	p = chunks->page[--top];
	if (!top) {
		struct chunk *c = chunks;

		chunks = c->next;
		free_page(c);
		top = chunks ? PTRS_PER_CHUNK : 0;
	}
	return p;
}

/* Give up to n pages back; the number given. */
static unsigned int deflate(unsigned int n)
{
	void *batch[BATCH];
	unsigned int got, i;
	int done;

	n = min(n, (unsigned int)BATCH);
	for (got = 0; got < n; got++) {
		batch[got] = alloc_page(0);
		if (!batch[got])
			break;
	}
	if (!got)
		return 0;
	done = xen_reservation->give_back(batch, got);
	if (done < 0)
		done = 0;
	for (i = 0; i < (unsigned int)done; i++) {
		if (!push_page(batch[i])) {
			/* cannot remember it: take it back at once */
			if (xen_reservation->take_back(&batch[i], 1) == 1)
				free_page(batch[i]);
			else
				balloon_stats.lost++;
			done--;
		}
	}
	for (i = done; i < got; i++)
		free_page(batch[i]);
	balloon_stats.ballooned += done;
	balloon_stats.given_back += done;
	return done;
}

/* Take up to n pages back; the number taken. */
static unsigned int inflate(unsigned int n)
{
	void *batch[BATCH];
	unsigned int got, i;
	int done;

	n = min(n, (unsigned int)BATCH);
	for (got = 0; got < n; got++) {
		batch[got] = pop_page();
		if (!batch[got])
			break;
	}
	if (!got)
		return 0;
	done = xen_reservation->take_back(batch, got);
	if (done < 0)
		done = 0;
	for (i = 0; i < (unsigned int)done; i++)
		free_page(batch[i]);
	for (i = got; i > (unsigned int)done; i--)
		if (!push_page(batch[i - 1]))
			balloon_stats.lost++;
	balloon_stats.ballooned -= done;
	balloon_stats.taken_back += done;
	return done;
}

static void balloon_work_fn(struct work *w)
{
	long cur = xen_current_reservation();
	long goal = balloon_stats.goal_pages;
	unsigned int moved;

	if (cur < 0) {
		pr_err("balloon: XENMEM_current_reservation failed (%ld)\n",
		       cur);
		return;
	}
	balloon_stats.xen_pages = cur;
	if (cur == goal) {
		if (!balloon_stats.at_goal)
			pr_info("balloon: at target: Xen counts %ld KiB, %llu KiB given back, %llu KiB free\n",
				cur * 4, balloon_stats.ballooned * 4,
				kernel_pages.free_pages * 4);
		balloon_stats.at_goal = true;
		return;
	}
	balloon_stats.at_goal = false;
	if (cur > goal)
		moved = deflate(cur - goal);
	else
		moved = inflate(goal - cur);
	if (!moved) {
		balloon_stats.stuck++;
		pr_warn("balloon: stuck at %ld KiB (goal %ld KiB): %s\n",
			cur * 4, goal * 4, cur > goal ?
			"no free page to give back or Xen refused" :
			"nothing ballooned left to take back or Xen refused");
		return;
	}
	schedule_work(&balloon_work);
}

/* Room for n more pages above boot RAM, when the model can add it. */
static void add_room(unsigned long n)
{
	void *first;
	long got;

	if (!xen_reservation->add_memory || !n)
		return;
	got = xen_reservation->add_memory(n, &first);
	if (got <= 0) {
		pr_warn("balloon: no room for %lu KiB above the RAM we have (%ld)\n",
			n * 4, got);
		return;
	}
	/* new room continues the old: both end at the top of RAM */
	if (room_left && (u8 *)first != room + room_left * PAGE_SIZE) {
		pr_err("balloon: new room at %p does not follow %p: unused\n",
		       first, room);
		return;
	}
	if (!room_left)
		room = first;
	room_left += got;
	balloon_stats.ballooned += got;
	balloon_stats.grown += got;
	pr_info("balloon: %ld KiB of room added above the RAM we booted with\n",
		got * 4);
}

static void target_cb(struct xs_watch *w, const char *path)
{
	long goal, max = xen_maximum_reservation();
	u64 kib;
	long cur;

	if (xs_read_uint(XS_TX_NONE, "memory/target", 1ULL << 40, &kib))
		return;
	cur = xen_current_reservation();
	if (!started) {
		offset = cur - (long)(kib / 4);
		started = true;
	}
	goal = (long)(kib / 4) + offset;
	if (max > 0 && goal > max)
		goal = max;
	/* beyond what we gave back: room above our RAM, or clipped */
	if (goal > cur + (long)balloon_stats.ballooned)
		add_room(goal - cur - balloon_stats.ballooned);
	if (goal > cur + (long)balloon_stats.ballooned)
		goal = cur + balloon_stats.ballooned;
	balloon_stats.target_kib = kib;
	balloon_stats.xen_at_target = cur;
	balloon_stats.goal_pages = goal;
	balloon_stats.at_goal = false;
	balloon_stats.targets++;
	pr_info("balloon: target %llu KiB: Xen counts %ld KiB, goal %ld KiB\n",
		kib, cur * 4, goal * 4);
	schedule_work(&balloon_work);
}

static struct xs_watch target_watch = { .path = "memory/target",
					.cb = target_cb };

/*
 * A domain whose memory map holds more RAM than Xen backs (a PVH guest
 * started with maxmem above memory runs in populate-on-demand mode: it
 * sees maxmem, Xen backs memory, and touching more kills the domain)
 * must give the difference back before anything uses it. PV: the map
 * holds only the frames we own, so there is nothing to do.
 */
static void give_back_unbacked(void)
{
	u64 ram = boot_params.ram_bytes >> PAGE_SHIFT;
	long cur = xen_current_reservation();
	u64 want, done = 0;
	unsigned int n;

	if (cur <= 0 || ram <= (u64)cur)
		return;
	want = ram - cur;
	while (done < want) {
		n = deflate(min(want - done, (u64)BATCH));
		if (!n)
			break;
		done += n;
	}
	balloon_stats.unbacked = done;
	pr_info("balloon: %llu KiB of RAM in the map, Xen backs %ld KiB: %llu KiB given back at start%s\n",
		ram * 4, cur * 4, done * 4,
		done < want ? " (NOT ALL: the domain may be killed)" : "");
}

int xen_balloon_init(void)
{
	int err;

	if (!xen_reservation)
		return -ENODEV;
	give_back_unbacked();
	err = xs_watch(&target_watch);
	if (err)
		pr_err("balloon: cannot watch memory/target (%d)\n", err);
	return err;
}
