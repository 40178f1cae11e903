/* term.c - ui_run(): the terminal, the main loop, resize and signals.
 *
 * The terminal is restored on every way out: quit, an error, a signal
 * (SIGINT, SIGTERM, SIGHUP set a flag; the loop sees it within one key
 * timeout, keeps unsaved forms as drafts (drafts.c) and leaves through
 * endwin()), and exit() from anywhere (an atexit handler).  Keystrokes are
 * read with a short timeout while the top screen has deferred work, so a
 * query runs only once typing pauses. */
#include "ui/private.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/theme.h"

#define MIN_COLS 40
#define MIN_ROWS 12
#define TYPEAHEAD_MS 30  /* a pause this long runs the deferred query */
#define IDLE_MS 250      /* how often the loop looks at the signal flag */

static volatile sig_atomic_t got_signal; /* the signal that asks us to leave */
static SCREEN *term;                     /* the curses screen while active */

static void on_signal(int sig)
{
	got_signal = sig;
}

/* Restores the terminal if curses is still active (also from atexit). */
static void restore_terminal(void)
{
	if (!term)
		return;
	endwin();
	delscreen(term);
	term = NULL;
}

static bool too_small(void)
{
	return LINES < MIN_ROWS || COLS < MIN_COLS;
}

static void paint_too_small(void)
{
	static const char msg[] = "Terminal too small (need 40x12)";
	int len = (int)strlen(msg), lines = COLS >= len ? 1 : 2;

	erase();
	if (lines == 1)
		draw_str(stdscr, LINES / 2, (COLS - len) / 2, msg, len, A_BOLD);
	else
		draw_wrap(stdscr, LINES / 2 - 1, 0, msg, COLS, 2, A_BOLD);
	curs_set(0);
	refresh();
}

static void paint(struct ui *ui, WINDOW *body)
{
	struct screen *top = ui_top(ui);
	int cy = -1, cx = -1;

	if (ui->redraw_all) {
		clearok(curscr, TRUE);
		ui->redraw_all = false;
	}
	bars_draw_header(ui, stdscr, COLS);
	bars_draw_status(ui, stdscr, LINES - 1, COLS);
	werase(body);
	top->ops->draw(top, body);
	top->redraw = false;
	wnoutrefresh(stdscr);
	if (ui->cmd.active) {
		curs_set(1);
		wmove(stdscr, LINES - 1, 1 + textline_cursor_col(&ui->cmd.line));
		wnoutrefresh(body);
		wnoutrefresh(stdscr);
	} else if (!ui->confirm.active && top->ops->cursor && top->ops->cursor(top, &cy, &cx)) {
		curs_set(1);
		wmove(body, cy, cx);
		wnoutrefresh(body);
	} else {
		curs_set(0);
		wnoutrefresh(body);
	}
	doupdate();
}

/* Reads one key into ev; returns false on timeout.  Sets *resized on a
 * terminal resize. */
static bool read_key(struct key_event *ev, int timeout_ms, bool *resized)
{
	wint_t wch;
	int rc;

	memset(ev, 0, sizeof *ev);
	*resized = false;
	timeout(timeout_ms);
	rc = get_wch(&wch);
	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES) {
		switch (wch) {
		case KEY_RESIZE:
			*resized = true;
			return false;
		case KEY_ENTER:
			ev->key = KEYCODE_ENTER;
			return true;
		case KEY_MOUSE: {
			MEVENT me;
			if (getmouse(&me) != OK)
				return false;
			ev->key = KEYCODE_FN | KEY_MOUSE;
			ev->mouse_y = me.y - 1; /* body coordinates: below the header */
			ev->mouse_x = me.x;
			ev->mouse_click = me.bstate & BUTTON1_CLICKED;
			ev->mouse_double = me.bstate & BUTTON1_DOUBLE_CLICKED;
			if (me.bstate & BUTTON4_PRESSED)
				ev->mouse_wheel = -1;
#ifdef BUTTON5_PRESSED
			else if (me.bstate & BUTTON5_PRESSED)
				ev->mouse_wheel = 1;
#endif
			return true;
		}
		default:
			ev->key = KEYCODE_FN | (unsigned)wch;
			return true;
		}
	}
	/* One code for each key, however the terminal sends it. */
	if (wch == '\r')
		ev->key = KEYCODE_ENTER;
	else if (wch == 127 || wch == 8)
		ev->key = KEYCODE_FN | KEY_BACKSPACE;
	else
		ev->key = (unsigned)wch;
	return true;
}

static int start_terminal(const struct csm_config *cfg, struct csm_error *err)
{
	static bool registered;
	const char *t = getenv("TERM");

	term = newterm(NULL, stdout, stdin);
	if (!term)
		return csm_error_set(err, CSM_EX_SOFTWARE, "cannot start the console on terminal '%s'",
				     t ? t : "(TERM not set)");
	set_term(term);
	if (!registered) {
		atexit(restore_terminal);
		registered = true;
	}
	/* cbreak, not raw: Ctrl-C still sends SIGINT, which restores the
	 * terminal and leaves. */
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (cfg->ui.mouse) {
		mmask_t mask = BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
		mask |= BUTTON5_PRESSED;
#endif
		mousemask(mask, NULL);
	}
	theme_init(config_use_color(cfg, has_colors()));
	return 0;
}

int ui_run(struct store *s, const struct csm_config *cfg, const char *db_path,
	   struct csm_error *err)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa, old[3];
	struct ui *ui;
	WINDOW *body = NULL;
	bool small, resized = true, changed = true;
	int status, drafts = 0;
	struct csm_error draft_err = {0}; /* why a draft could not be written */

	/* Config problems are reported before the terminal changes. */
	ui = ui_new(s, cfg, db_path, err);
	if (!ui)
		return -1;
	ui_deny_non_user(ui);
	ui_drafts_offer(ui);
	got_signal = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: a signal interrupts the key read */
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	if (start_terminal(cfg, err) < 0) {
		for (int i = 0; i < 3; i++)
			sigaction(sigs[i], &old[i], NULL);
		ui_free(&ui);
		return -1;
	}

	small = too_small();
	while (!ui->quit && !got_signal) {
		struct screen *top;
		struct key_event ev;

		if (resized) {
			small = too_small();
			if (body)
				delwin(body);
			body = newwin(LINES > 2 ? LINES - 2 : 1, COLS, 1, 0);
			keypad(body, TRUE);
			clear();
			if (!small)
				ui_layout(ui, LINES - 2, COLS);
			ui->redraw_all = true;
		}
		top = ui_top(ui);
		if (resized || changed) {
			if (small)
				paint_too_small();
			else
				paint(ui, body);
		}
		changed = false;
		/* While a query waits, a key arriving within TYPEAHEAD_MS
		 * means the user is still typing: skip the query for now. */
		if (!read_key(&ev, top->pending ? TYPEAHEAD_MS : IDLE_MS, &resized)) {
			if (!resized && !small && top->pending) {
				ui_idle(ui);
				changed = true;
			} else if (!top->pending) {
				store_checkpoint_idle(ui_store(ui));
			}
			continue;
		}
		ui_dispatch_key(ui, &ev);
		changed = true;
	}

	status = got_signal ? 128 + got_signal : 0;
	/* Keep what was typed first: after an SSH drop the terminal is gone,
	 * and a second signal may follow. */
	if (got_signal)
		drafts = ui_drafts_save(ui, &draft_err);
	if (body)
		delwin(body);
	restore_terminal();
	if (drafts > 0)
		fprintf(stderr, "csm: what was typed is kept as a draft; the next start offers it\n");
	else if (drafts < 0)
		fprintf(stderr, "csm: the unsaved changes could not be kept: %s\n", draft_err.msg);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	ui_free(&ui);
	return status;
}
