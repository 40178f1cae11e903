/* drafts.c - unsaved forms kept across a signal, and offered back.
 *
 * When SIGHUP (an SSH drop), SIGINT (Ctrl-C) or SIGTERM ends the loop, the
 * handler has only set a flag; ui_run() then calls ui_drafts_save(), which
 * asks every dirty screen with a draft_save hook for its values and writes
 * one draft file per database and screen (util/draft.h: temporary file and
 * rename).  The next start on the same database asks, in the status line,
 * "Restore the unsaved case draft from 2026-11-22 21:40? y/n": y reopens
 * the screen on the same arg and puts the values back (draft_load), n
 * deletes the draft, Esc keeps it for the start after. */
#include "ui/private.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/clock.h"
#include "util/xalloc.h"

/* ---- saving ----------------------------------------------------------- */

/* The draft of one screen: where it was opened and what it holds. */
static bool screen_draft(const struct screen *s, const char *db, struct draft *d)
{
	char num[32];

	draft_set(d, "screen", s->ops->name);
	draft_set(d, "database", db);
	snprintf(num, sizeof num, "%lld", (long long)clock_now());
	draft_set(d, "saved", num);
	snprintf(num, sizeof num, "%d", (int)s->arg.kind);
	draft_set(d, "arg.kind", num);
	snprintf(num, sizeof num, "%lld", (long long)s->arg.id);
	draft_set(d, "arg.id", num);
	if (s->arg.number)
		draft_set(d, "arg.number", s->arg.number);
	if (s->arg.text)
		draft_set(d, "arg.text", s->arg.text);
	draft_set(d, "arg.create", s->arg.create ? "1" : "0");
	return s->ops->draft_save(s, d);
}

int ui_drafts_save(struct ui *ui, struct csm_error *err)
{
	char abs[PATH_MAX];
	const char *db = realpath(store_path(ui->store), abs) ? abs : store_path(ui->store);
	int saved = 0, rc = 0;

	for (int i = 0; i < ui->depth; i++) {
		struct screen *s = ui->stack[i];
		struct draft d;
		char *path;

		if (!s->ops->draft_save || !s->ops->dirty || !s->ops->dirty(s))
			continue;
		draft_init(&d);
		if (screen_draft(s, db, &d)) {
			path = draft_path_dup(store_path(ui->store), s->ops->name, err);
			if (!path || draft_write(path, &d, err) < 0)
				rc = -1;
			else
				saved++;
			free(path);
		}
		draft_fini(&d);
	}
	return rc < 0 ? -1 : saved;
}

/* ---- offering --------------------------------------------------------- */

void drafts_fini(struct ui *ui)
{
	draft_list_free(ui->drafts.paths, ui->drafts.n);
	memset(&ui->drafts, 0, sizeof ui->drafts);
}

/* Reads the draft being offered; skips (and says so) one that is not
 * readable or not of this database. */
static int load_offer(struct ui *ui, struct draft *d)
{
	struct csm_error err = {0};
	const char *path = ui->drafts.paths[ui->drafts.next];
	const char *db;
	char abs[PATH_MAX];
	int rc = draft_read(path, d, &err);

	if (rc < 0) {
		ui_error(ui, "Draft skipped: %s", err.msg);
		return -1;
	}
	db = draft_get(d, "database");
	if (rc == 0 || !db || !draft_get(d, "screen") ||
	    strcmp(db, realpath(store_path(ui->store), abs) ? abs : store_path(ui->store)) != 0)
		return -1;
	return 0;
}

/* Asks about the next draft, if any is left. */
static void ask_next(struct ui *ui)
{
	ui->drafts.asking = false;
	for (; ui->drafts.next < ui->drafts.n; ui->drafts.next++) {
		struct draft d;
		const char *what, *saved;
		char when[32] = "an earlier session";
		time_t t;
		struct tm tm;

		draft_init(&d);
		if (load_offer(ui, &d) < 0) {
			draft_fini(&d);
			continue;
		}
		what = draft_get(&d, "what");
		saved = draft_get(&d, "saved");
		t = saved ? (time_t)strtoll(saved, NULL, 10) : 0;
		if (t > 0 && localtime_r(&t, &tm))
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
		snprintf(ui->confirm.question, sizeof ui->confirm.question,
			 "Restore the unsaved %s draft from %s? y/n", what && *what ? what : "form",
			 when);
		ui->confirm.active = true;
		ui->confirm.then = ACT_NONE;
		ui->drafts.asking = true;
		draft_fini(&d);
		return;
	}
}

void ui_drafts_offer(struct ui *ui)
{
	/* Only on the lookup as csm starts: not for a login that is denied
	 * (its home screen is not the lookup), nor twice. */
	if (ui->depth != 1 || ui->stack[0]->ops != &lookup_screen || ui->drafts.paths)
		return;
	ui->drafts.paths = draft_list(store_path(ui->store), &ui->drafts.n);
	ui->drafts.next = 0;
	ask_next(ui);
}

/* Reopens the draft's screen on its arg and puts the values back; the
 * file goes once they are in the form. */
static void restore(struct ui *ui, const char *path)
{
	struct draft d;
	struct csm_error err = {0};
	struct screen_arg arg = {.kind = SK_COUNT};
	const struct screen_ops *ops;
	const char *v;
	int depth = ui->depth;

	draft_init(&d);
	if (load_offer(ui, &d) < 0 || !(ops = screen_find(draft_get(&d, "screen"))) ||
	    !ops->draft_load) {
		ui_error(ui, "Cannot restore the draft %s: no such form", path);
		draft_fini(&d);
		return;
	}
	if ((v = draft_get(&d, "arg.kind")) && atoi(v) >= 0 && atoi(v) <= SK_COUNT)
		arg.kind = (enum search_kind)atoi(v);
	if ((v = draft_get(&d, "arg.id")))
		arg.id = strtoll(v, NULL, 10);
	arg.number = draft_get(&d, "arg.number");
	arg.text = draft_get(&d, "arg.text");
	arg.create = (v = draft_get(&d, "arg.create")) && strcmp(v, "1") == 0;
	if (ui_push(ui, ops, &arg) < 0) {
		/* ui_push said why in the status line; the draft stays */
		draft_fini(&d);
		return;
	}
	if (ops->draft_load(ui_top(ui), &d, &err) < 0) {
		while (ui->depth > depth)
			screen_free(&ui->stack[--ui->depth]);
		ui_error(ui, "Cannot restore the draft: %s (kept in %s)", err.msg, path);
		draft_fini(&d);
		return;
	}
	ui_top(ui)->redraw = true;
	ui_top(ui)->pending = true;
	unlink(path);
	ui_message(ui, "Draft restored: check it and save (F2)");
	draft_fini(&d);
}

bool drafts_answer(struct ui *ui, const struct key_event *ev)
{
	const char *path;

	if (!ui->drafts.asking)
		return false;
	path = ui->drafts.paths[ui->drafts.next];
	if (ev->key == 'y' || ev->key == 'Y') {
		ui->confirm.active = false;
		restore(ui, path);
	} else if (ev->key == 'n' || ev->key == 'N') {
		ui->confirm.active = false;
		unlink(path);
		ui_message(ui, "Draft deleted");
	} else if (ev->key == KEYCODE_ESC) {
		ui->confirm.active = false;
		ui_message(ui, "Draft kept: it is offered again at the next start");
	} else {
		return true; /* the question stays until it is answered */
	}
	ui->drafts.next++;
	ask_next(ui);
	if (ui_top(ui))
		ui_top(ui)->redraw = true;
	return true;
}
