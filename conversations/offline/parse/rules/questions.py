"""Rules for searches, lists, counts and questions about one task (nothing changes)."""

from __future__ import annotations

from dataclasses import replace

from ...intents import Intent
from ..listing import (
    _asking,
    _count,
    _done_list,
    _filtered,
    _filtered_list,
    _list,
    _named_task,
    _one_task,
    _pending_list,
)
from ..patterns import (
    _DAY_NAMES,
    _PRIORITY,
    clean_ref,
)
from .rereading import _parse
from .vocabulary import _HAVE_DONE_VERBS, _fixed, _rules

RULES = _rules(
    # Searching
    (
        r"^(?:find|search(?:\s+for)?|look\s+for|look\s+up|where(?:'s|\s+is))\s+(?:my\s+|the\s+)?"
        # "find anything about the dentist", "find stuff about the bank": about what.
        r"(?:(?:anything|everything|something|stuff|things|tasks?)\s+(?:about|with|for|called"
        r"|named|on|re)\s+)?(?P<ref>.+?)(?:\s+tasks?)?$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    (
        r"^(?:do\s+i\s+have|is\s+there)\s+(?:a|any)\s+(?:tasks?|todos?)\s+(?:about|with|for|called"
        r"|named)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    # "anything about the dentist?", "any tasks about the bank": looked up (not understood).
    (
        r"^(?:(?:is\s+there\s+|do\s+i\s+have\s+)?anything|any\s+(?:tasks?|todos?))\s+"
        r"(?:about|regarding|re)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    # One task by its number
    (
        r"^(?:show|display|view|open|describe|tell\s+me\s+about|what(?:'s|\s+is|\s+are)"
        r"|details\s+(?:of|for|on)|what\s+about|how\s+about)"
        r"\s+(?:me\s+)?(?:the\s+)?(?:details\s+(?:of|for|on)\s+)?(?:task|todo|item|number|#)\s*#?"
        r"(?P<id>\d+)(?:'s)?(?:\s+details)?$",
        lambda match, _text: Intent("find", task_id=int(match["id"])),
    ),
    # What to do next: the most pressing few pending tasks (before lists: "what's most
    # urgent?" is not only the high-priority ones).
    (
        r"^what\s+(?:should|shall|do|can|must)\s+i\s+(?:do|work\s+on|start\s+(?:on|with)|tackle"
        r"|focus\s+on|get\s+done|deal\s+with|handle|prioriti[sz]e)(?:\s+(?:next|first|now|right\s+now"
        r"|today|this\s+morning|this\s+afternoon))?$"
        r"|^what\s+(?:next|now|to\s+do\s+(?:next|now|first))$"
        r"|^where\s+(?:should|do|shall|can)\s+i\s+(?:start|begin)$"
        r"|^what(?:'s|\s+is)\s+(?:the\s+)?most\s+(?:important|urgent|pressing)(?:\s+(?:thing|task"
        r"|one|to-?do|item))?(?:\s+(?:now|right\s+now))?$"
        r"|^what(?:'s|\s+is|\s+are)\s+my\s+top\s+(?:priority|priorities|tasks?)$"
        r"|^what(?:'s|\s+is|\s+are)\s+(?:my|the)\s+(?:highest|most\s+important)(?:[\s-]+priority)?"
        r"(?:\s+(?:task|thing|one|to-?do|item)s?)?$"
        r"|^what\s+do\s+you\s+(?:suggest|recommend)(?:\s+i\s+do(?:\s+next|\s+first)?)?$",
        _fixed("suggest"),
    ),
    # Questions about one task: when it is due, whether it is done, its priority (before
    # lists: "what's the priority of the rent?" asks about one task, not for a list).
    (
        r"^(?:when(?:'s|\s+is)|what(?:'s|\s+is))\s+(?:my\s+|the\s+)?next\s+(?:task|deadline"
        r"|due\s+date|thing|to-?do|item)(?:\s+due)?$"
        r"|^what(?:'s|\s+is)\s+(?:due\s+)?next\s+(?:on|in)\s+(?:my\s+|the\s+)?(?:to-?do\s+)?"
        r"(?:list|tasks)$",
        _fixed("next"),
    ),
    # "which is due first?", "what's due first?": the pending task due soonest.
    (
        r"^(?:which|what)(?:\s+(?:one|task))?(?:'s|\s+is)\s+(?:due\s+(?:first|soonest|next)"
        r"|(?:first|soonest)(?:\s+due)?)$",
        _fixed("next"),
    ),
    # "do I have anything on saturday?", "is there anything for tomorrow?": that day's list.
    (
        r"^(?:do\s+i\s+have|is\s+there|have\s+i\s+got)\s+(?:anything|something|any\s+tasks?)"
        rf"\s+(?:on|for|due(?:\s+on)?)\s+(?P<day>{_DAY_NAMES}|today|tonight|tomorrow)$",
        lambda match, _text: _parse(f"what do I have on {match['day']}"),
    ),
    (
        r"^what\s+(?:tasks?\s+)?(?:did|have)\s+i\s+(?:just\s+|recently\s+)?(?:add|added|create"
        r"|created)(?:\s+(?P<today>today|so\s+far\s+today|earlier\s+today|this\s+morning)"
        r"|\s+(?:recently|lately|just\s+now|last))?$"
        r"|^(?:show|list)\s+(?:me\s+)?(?:my\s+|the\s+)?(?:recent|recently\s+added|latest|newest"
        r"|last\s+added)\s+(?:tasks|todos|to-?dos|items)$",
        lambda match, _text: Intent("recent", asked="today" if match["today"] else None),
    ),
    (
        r"^(?:when(?:'s|\s+is)|what(?:'s|\s+is))\s+the\s+(?:due\s+date|deadline)\s+(?:of|for|on)"
        r"\s+(?P<ref>.+)$",
        _asking("due"),
    ),
    (r"^when(?:'s|\s+is|\s+are)\s+(?P<ref>.+?)(?:\s+due(?:\s+by)?)?$", _asking("due")),
    (
        r"^when\s+(?:do|should|must|will)\s+i\s+(?:(?:need|have|got)\s+to\s+)?(?P<ref>.+?)"
        r"(?:\s+by)?$",
        _asking("due"),
    ),
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:already\s+)?(?:done|complete|completed|finished"
        r"|checked\s+off|ticked\s+off)(?:\s+yet)?$",
        _asking("done"),
    ),
    # "did I delete the rent task?", "was the rent deleted?", "is the rent still on my list?":
    # whether the task is still listed, never a deletion (before "did I …", which would look
    # for a task named "delete rent").
    (
        r"^(?:did|have)\s+i\s+(?:already\s+|just\s+|ever\s+|accidentally\s+)?(?:delete|deleted"
        r"|remove|removed|erase|erased|get\s+rid\s+of|got\s+rid\s+of|trash|trashed)\s+"
        r"(?P<ref>.+?)(?:\s+(?:yet|already|by\s+(?:mistake|accident)|accidentally))?$",
        _asking("kept"),
    ),
    (
        r"^(?:was|is|were|are|has|have)\s+(?P<ref>.+?)\s+(?:been\s+|already\s+)?(?:deleted|removed"
        r"|erased|gone)(?:\s+(?:yet|already))?$",
        _asking("kept"),
    ),
    (r"^did\s+(?P<ref>.+?)\s+get\s+(?:deleted|removed|erased)$", _asking("kept")),
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+still\s+(?:on|in)\s+(?:my|the)\s+(?:to-?do\s+|task\s+)?"
        r"list$",
        _asking("kept"),
    ),
    (
        r"^did\s+i\s+(?:already\s+|ever\s+)?(?:(?:finish|complete|do|get\s+done)\s+)?"
        r"(?P<ref>.+?)(?:\s+(?:yet|already))?$",
        _asking("done"),
    ),
    (
        rf"^have\s+i\s+(?:already\s+)?(?:finished|completed|done|{_HAVE_DONE_VERBS})\s+(?P<ref>.+?)"
        r"(?:\s+(?:yet|already))?$",
        _asking("done"),
    ),
    (
        r"^(?:what(?:'s|\s+is)\s+the\s+priority\s+(?:of|for|on)|how\s+(?:important|urgent)"
        r"\s+(?:is|are))\s+(?P<ref>.+)$",
        _asking("priority"),
    ),
    (r"^what\s+priority\s+(?:is|does)\s+(?P<ref>.+?)(?:\s+have)?$", _asking("priority")),
    # "is the rent high priority?", "is task 2 urgent?": answered with its priority, whatever it is.
    (
        r"^(?:is|are)\s+(?P<ref>.+?)\s+(?:(?:a\s+)?(?:high|low|medium|top)[\s-]+priority"
        r"|urgent|important|a\s+priority)$",
        _asking("priority"),
    ),
    (r"^what(?:'s|\s+is)\s+(?P<ref>.+?)'s\s+priority$", _asking("priority")),
    # "what tags does the report have?", "does the gym repeat?", "what's the note on task 2?":
    # one thing about one task, answered from its list entry.
    (
        r"^what\s+tags?\s+(?:does|do|is|are)\s+(?P<ref>.+?)\s+(?:have|tagged(?:\s+with)?|got)$"
        r"|^what(?:'s|\s+is|\s+are)\s+(?:the\s+)?tags?\s+(?:of|on|for)\s+(?P<ref2>.+)$"
        r"|^how\s+(?:is|are)\s+(?P<ref3>.+?)\s+tagged$"
        r"|^(?:is|are)\s+(?P<ref4>.+?)\s+tagged(?:\s+with\s+anything)?$"
        r"|^what\s+(?:category|categories|tags?)\s+(?:is|are)\s+(?P<ref5>.+?)\s+(?:in|under)$",
        _asking("tags"),
    ),
    (
        r"^(?:does|do)\s+(?P<ref>.+?)\s+(?:repeat|recur)(?:\s+(?:at\s+all|anymore|still|daily"
        r"|weekly|monthly|yearly|every\s+\w+(?:\s+\w+)?))?$"
        r"|^when\s+(?:does|do)\s+(?P<ref4>.+?)\s+(?:repeat|recur)$"
        r"|^(?:is|are)\s+(?P<ref2>.+?)\s+(?:a\s+)?(?:repeating|recurring)(?:\s+(?:task|one))?$"
        r"|^how\s+often\s+(?:does|do|is|are)\s+(?P<ref3>.+?)(?:\s+(?:repeat|recur|due))?$",
        _asking("repeat"),
    ),
    (
        r"^what(?:'s|\s+is|\s+are)\s+(?:the\s+)?(?:notes?|description)\s+(?:on|of|for|in"
        r"|attached\s+to)\s+(?P<ref>.+)$"
        r"|^what\s+(?:does|do)\s+(?:the\s+)?(?:notes?|description)\s+(?:on|of|for|in)"
        r"\s+(?P<ref2>.+?)\s+say$"
        r"|^(?:does|do)\s+(?P<ref3>.+?)\s+have\s+(?:a\s+|any\s+)?(?:notes?|description)$"
        r"|^(?:any|are\s+there\s+(?:any\s+)?)\s*notes?\s+(?:on|for|in)\s+(?P<ref4>.+)$",
        _asking("note"),
    ),
    # One task by its name (before lists: "what are the details of the plumber task?")
    (
        r"^(?:(?:what\s+are|what(?:'s|\s+is)|show\s+(?:me\s+)?|give\s+me|get)\s+)?(?:the\s+)?"
        r"(?:details|info|information)\s+(?:of|for|on|about)\s+(?P<ref>.+)$",
        _one_task,
    ),
    (r"^(?:tell\s+me\s+(?:more\s+)?about|describe)\s+(?P<ref>.+)$", _one_task),
    (
        r"^(?:show|display|view|open|pull\s+up)\s+(?:me\s+)?(?P<ref>the\s+.+?\s+(?:task|todo|item))$",
        _one_task,
    ),
    # Counting
    (r"^how\s+many\b.*$", _count),
    (r"^(?:count|number\s+of)\s+(?:my\s+)?(?:\w+\s+)?(?:tasks|todos|items)\b.*$", _count),
    # The reminders set: "what reminders do I have", "show my reminders", "any reminders set",
    # "which tasks have reminders" (before the lists: the tasks of a reminder list are narrowed).
    (
        r"^(?:(?:show|list|display|view|see|get|give|check|read)(?:\s+me)?\s+(?:all\s+)?"
        r"(?:(?:my|the)\s+)?|(?:what|which)(?:\s+are)?\s+(?:all\s+)?(?:(?:my|the)\s+)?"
        r"|(?:do\s+i\s+have|have\s+i\s+(?:got|set)|are\s+there|any)\s+(?:any\s+)?"
        r"|(?:all\s+)?my\s+)?(?:active\s+|pending\s+|upcoming\s+|current\s+)?reminders"
        r"(?:\s+(?:do\s+i\s+have|have\s+i\s+(?:got|set)|are\s+there|are\s+set|i\s+(?:have|set)"
        r"|coming\s+up))?(?:\s+(?:set|on|now|right\s+now|at\s+the\s+moment))?$"
        r"|^(?:which|what)\s+(?:tasks?|todos?|to-?dos?|ones?|items)\s+(?:have|has)\s+(?:a\s+)?"
        r"reminders?(?:\s+(?:set|on))?$",
        lambda _match, _text: Intent("list", status="pending", reminders=True),
    ),
    # List
    # "what's due?", "anything due?" alone: what is still to do, by due date.
    (
        r"^(?:what(?:'?s|\s+is|\s+are)|(?:is\s+)?anything|any\s+tasks?)\s+due$",
        lambda _match, _text: Intent("list", status="pending", sort="due"),
    ),
    # "show me what I have to do tomorrow", "am I free tomorrow?": that day's list.
    (
        r"^(?:(?:show|tell|give)\s+me\s+what\s+i\s+(?:have|need|got|must|should)"
        r"|am\s+i\s+(?:free|busy))\b.*$",
        lambda _match, text: replace(_filtered("list", text), status="pending"),
    ),
    (
        r"^(?:show|list|display|see|view|get(?!\s+rid\b)|give|tell|print|read|check(?!\s+off\b)"
        r"|let\s+me\s+(?:see|view|check|have\s+a\s+look\s+at)"
        r"|(?:take\s+a\s+)?look\s+(?:at|over)|pull\s+up|go\s+(?:over|through))\b.*\b(?:tasks?|todos?"
        r"|to-?dos?|list|items|everything|pending|completed|done|finished|overdue|tagged|priority"
        r"|urgent|important|due|recurring|repeating)\b.*$",
        _list,
    ),
    # "show me work stuff", "list my shopping things": that topic's tasks (only after these
    # verbs: "get things for the party" is a task).
    (
        r"^(?:show|list|display|view)(?:\s+me)?(?:\s+(?:my|the|all(?:\s+my)?))?\s+"
        r"[^\W\d_][\w-]*\s+(?:stuff|things)$",
        _list,
    ),
    (
        r"^what(?:'?s|\s+is|\s+are|\s+were)\b.*\b(?:tasks?|todos?|to-?dos?|list|pending|left"
        r"|remaining|outstanding|open|incomplete|unfinished|done|completed|finished|due|plate"
        r"|overdue|late|tagged|urgent|important|priority)\b.*$",
        _list,
    ),
    (
        r"^what\s+(?:have|did)\s+i\s+(?:already\s+)?(?:complete|completed|finish|finished|done|do"
        r"|get\s+done|accomplish(?:ed)?)\b.*$",
        _done_list,
    ),
    (
        r"^what\s+(?:do|should|must)\s+i\s+(?:still\s+)?(?:(?:have|need|got)\s+)?(?:to\s+)?do\b.*$",
        _list,
    ),
    (
        r"^(?:do\s+i\s+have|have\s+i\s+got|is\s+there|are\s+there"
        r"|which\s+(?:tasks?\s+|ones?\s+)?(?:are|is)"
        r"|what\s+tasks?\s+(?:are|is)|any\s+tasks?)\s+(?:anything|something|any\s+tasks?|a\s+task|tasks?)?"
        r"\s*(?:about|with|for|mentioning|called|named|on)\s+(?P<ref>.+)$",
        lambda match, _text: Intent("find", ref=clean_ref(match["ref"])),
    ),
    (
        # "do I have any meetings?": the tasks that name them (a list when the words are a
        # filter: "do I have any overdue tasks?").
        r"^(?:do|have)\s+i\s+(?:have|got)\s+any\s+(?P<ref>.+)$",
        lambda match, text: _named_task(match["ref"]) or _list(match, text),
    ),
    (r"^(?:do|have)\s+i\s+(?:have|got)\s+(?:any|anything|many)\b.*$", _list),
    (r"^(?:is|are)\s+there\s+(?:any|anything)\b.*$", _list),
    (
        r"^(?:is|are)\s+(?:anything|any\s+tasks?|something)\s+(?:overdue|late|due|urgent|left|pending)\b.*$"
        r"|^am\s+i\s+behind\b.*$",
        lambda match, text: _filtered("list", "overdue" if text.lower().startswith("am") else text),
    ),
    (r"^(?:what|which)\s+(?:tasks?|todos?|to-?dos?|items|things)\b.*$", _list),
    # "what about tomorrow?", "how about the overdue ones?": a list when the words are a filter.
    (r"^(?:what|how)\s+about\s+.+$", _filtered_list),
    # "which ones are due today", "which are overdue": as "which tasks …" when a filter is named.
    (r"^which(?:\s+ones?)?\s+(?:are|is)\s+.+$", _filtered_list),
    (
        r"^(?:what|which\s+ones?)\s+(?:repeats?|recurs?|(?:is|are)\s+(?:recurring|repeating))$",
        _list,
    ),
    (
        r"^(?:what'?s|what\s+is|show\s+(?:me\s+)?(?:my\s+)?)\s*(?:coming\s+up|upcoming(?:\s+tasks)?"
        r"|next\s+up)$",
        lambda _match, _text: Intent("list", status="pending", sort="due"),
    ),
    (
        r"^what\s+(?:do|have|did)\s+i\s+(?:got|have|get)\b.*$",
        lambda match, text: replace(_filtered("list", text), status="pending"),
    ),
    (
        r"^(?:what'?s|what\s+is)\s+(?:on\s+|up\s+|planned\s+)?(?:for\s+)?(?:tomorrow|next\s+week"
        r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
        _list,
    ),
    (
        r"^(?:what'?s|what\s+is)\s+(?:next|(?:on\s+|up\s+|planned\s+)?(?:for\s+)?(?:today|tonight))$",
        _pending_list,
    ),
    (r"^(?:show|list|display|view|see)(?:\s+(?:all|everything|me|my|them|it))*$", _list),
    (
        r"^(?:any|anything)\s+(?:tasks?\s+)?(?:left|pending|remaining|due|to\s+do|urgent|important|for"
        r"|overdue|late|high[\s-]+priority)\b.*$",
        _list,
    ),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:(?:pending|open|incomplete|unfinished|outstanding"
        r"|remaining|completed|done|finished)\s+)?(?:tasks?|todos?|to-?dos?|to-?do\s+list|list)$",
        _list,
    ),
    (r"^(?:pending|completed|done|finished|open|remaining|outstanding)$", _list),
    # "everything including completed", "all tasks, done ones too": a list said without a verb.
    (
        r"^(?:everything|all(?:\s+(?:my\s+)?(?:tasks|todos|to-?dos|items))?|(?:all\s+)?my\s+"
        r"(?:tasks|todos|to-?dos))\s*,?\s+(?:including|incl\.?|with|plus|and|even|(?:the\s+)?"
        r"(?:done|completed|finished)\s+ones)\b.*$",
        _list,
    ),
    (r"^(?:my\s+)?(?:tasks|todos|to-?dos)\b.*$", _list),
    # "today's tasks", "tomorrow's list", "this week's todos": the day's (or week's) list.
    (
        r"^(?:(?:show|list|see|view|display|get)\s+)?(?:me\s+)?(?:my\s+|the\s+)?(?:today|tonight"
        r"|tomorrow|this\s+week|next\s+week)'?s\s+(?:tasks?|todos?|to-?dos?|to-?do\s+list|list"
        r"|agenda|plan|schedule)$",
        _list,
    ),
    (r"^my\s+[^\W\d_][\w-]*\s+(?:tasks|todos|to-?dos)$", _list),
    (r"^(?:sort|order)\s+(?:my\s+|the\s+)?(?:tasks|todos|to-?dos|list)\b.*$", _list),
    # "sort by priority", "order them by due date".
    (r"^(?:sort|order)\s+(?:them\s+|it\s+|everything\s+)?(?:by\b|alphabetically\b).*$", _list),
    (
        r"^(?:(?:my|all|all\s+my|the)\s+)?(?:tasks?|todos?)\s+(?:tagged|with\s+(?:the\s+)?tag|due"
        r"|that\s+are\s+(?:overdue|due|urgent))\b.*$",
        _list,
    ),
    # Filters alone: "high-priority ones", "overdue", "#family", "!high", "urgent"
    (
        r"^(?:(?:the|my|all|all\s+my|any)\s+)?(?:(?:high|low|medium|top)[\s-]+priority|urgent|important"
        r"|overdue|#[^\W\d_][\w-]*|tagged\s+#?\w[\w-]*|due\s+(?:today|this\s+week)"
        r"|recurring|repeating|one-?off|one-?time|non-?recurring)"
        r"(?:\s+(?:ones|tasks?|todos?|items|stuff|things))?$",
        _list,
    ),
    (
        rf"^!(?P<prio>{_PRIORITY})$",
        lambda match, text: _filtered("list", match["prio"] + " priority"),
    ),
)
