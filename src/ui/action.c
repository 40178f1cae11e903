/* action.c - the action table generated from ACTIONS(_) in action.h. */
#include "ui/action.h"

#include <string.h>

static const struct {
	const char *name;        /* config and help name */
	enum action_group group; /* help heading */
	const char *hint;        /* status-line label */
	const char *help;        /* help line */
} actions[ACT_COUNT] = {
#define ACTION_ROW(id, name, group, hint, help) [ACT_##id] = {name, group, hint, help},
	ACTIONS(ACTION_ROW)
#undef ACTION_ROW
};

const char *action_name(enum action a)
{
	return a < ACT_COUNT ? actions[a].name : "?";
}

const char *action_hint(enum action a)
{
	return a < ACT_COUNT ? actions[a].hint : "";
}

const char *action_help(enum action a)
{
	return a < ACT_COUNT ? actions[a].help : "";
}

enum action_group action_group(enum action a)
{
	return a < ACT_COUNT ? actions[a].group : GROUP_INTERNAL;
}

int action_parse(const char *name, enum action *out)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		if (actions[a].group == GROUP_INTERNAL || strcmp(actions[a].name, name) != 0)
			continue;
		*out = (enum action)a;
		return 0;
	}
	return -1;
}
