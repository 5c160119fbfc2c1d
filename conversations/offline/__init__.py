"""The offline model: a deterministic, no-network stand-in for an LLM (the default brain).

``OfflineModel`` implements the Agents SDK ``Model`` interface. Each call reads the input (the
conversation's history with its replayed tool calls, then this turn's request and tool steps)
and returns the next step: tool call(s), or a reply built from the tool results. Same input,
same output; nothing is remembered between calls — follow-ups are understood from the history.

Modules: ``parse`` (text → :class:`Intent`, a table of rules), ``decide`` (intent + this turn's
tool results + what the history leaves open → next step), ``match`` (which tasks a reference
means), ``words`` (every reply's wording), ``history`` and ``results`` (reading the input),
``phrasings`` (vocabulary tables), ``model`` (the SDK adapter).

What it understands (case, extra spaces, curly quotes, "please", "can you", "I'd like to",
"would you mind deleting X" (as "delete X"),
"actually", a greeting in front, "and", "also", "oh and" or "plus" in front, "too" or "as well"
at the end — "and book a hotel too" is "book a hotel", but "show done ones too" lists every
task — and trailing punctuation don't matter (but a completion or deletion said bare with a
question mark, "delete task 2?", "complete the report?", "delete 2 and 3?", is asked about
first: "Do you want to delete “Call mom” (#2)? Say yes to delete it."; "can you delete task
2?" is a request); ``X`` is free text, ``N`` a task number written
``N``, ``#N`` or ``task N``):

Adding (``add_task``)
    "Add a task to X", "Add X", "Add X to my list", "Create a task: X", "New task X", "todo: X",
    "to do: X", "new: X", "todo buy X" (a task verb after "todo"), "note to self: X", "Remind
    me to X", "Remember to X", "Don't let me forget to X", "I need to remember to X", "I need to
    X", "I have to X", "I gotta X", "I should X", "I want to X", "I wanna X" (not "I should
    have X", "I must have X": no task; "i want delete X", "I'd like add X" make the request said
    after "want"; "I want milk" is not understood); a description after "with description/note
    Y", "(description: Y)" or "; description: Y". Several tasks at once — "add pay rent, water
    plants and book flights", "add milk, eggs and bread", "remind me to A; B; C" — when every
    part starts with a
    verb, or there are three or more short parts with none ("add buy milk, eggs and bread" and
    "add salt and pepper" stay one task; "add 3 tasks: milk, eggs, bread" is a list): one call
    per task, in order, one reply (at most 8).
    A when ending the message is every task's ("add milk, eggs and bread tomorrow") unless some
    have their own ("pay the bill by friday, buy cat food and call the vet tomorrow": the
    last one's).
    Titles get a capital first letter when their first word is lower case.
    What a title carries is pulled off it and sent as arguments (never left in the title): a due
    date — a trailing "by/on/due/at/for + when" or a bare trailing when ("I need to finish the
    report by Friday", "call mom tomorrow at 5pm", "add dentist on Dec 3", "pay rent by the 1st",
    "renew passport by end of month", "call grandma in two weeks", "call mom at 6" (a bare hour: the
    tools read 1 to 6 as afternoon hours), "call the bank thursday next week", "meeting w/ john @
    3pm tmrw" (a short or misspelt "tomorrow" after the time too), "finish the slides by
    the end of the week", "gym in the morning", "pay rent next month on the 15th", "book club
    first monday of next month", "review the budget last friday of the month", "file taxes by
    next quarter"; the tools read the phrase in the user's zone, and a
    phrase they can't place, such as "this week", is answered in words, nothing added ("by next
    week" is next week's Monday); a bare "next week" stays in the title: "add plan next week"
    ("add plan next quarter" too),
    and so does a bare ordinal or a month-day without "by/on/due": "celebrate the 4th", "read
    chapters 3-4"; "pay the bill due 12-28" is due 28 Dec); a priority ("!high", "urgent: X",
    ", urgent", ", low priority", "add an urgent
    task to X", and after the when ", it's high priority", ". this is urgent", " - urgent":
    "submit the report by wednesday 5pm, it's urgent", "!!" ending the message: "add buy gift
    next saturday !!" — "urgent care appointment" stays a title); a bracket ending the title
    whose every part is one of these ("prepare slides (due friday, high priority, #work)");
    tags
    ("#family", "tagged money", ", tag work", " tag: work"); a priority said first, "add high
    priority buy milk", when a task verb follows; a quoted title is kept word for word and what
    follows it is read as what it carries ("add 'review PR #42' tag work": tag "work"); a
    recurrence ("every monday: take out the bins", "water plants
    every day", "pay rent monthly on the 1st", "every other week" → "every 2 weeks", "on mondays
    and thursdays" → "every monday and thursday", "workout mon wed fri at 6am" → "every mon, wed
    and fri", due "6am": two or more weekdays ending a title are its days), with a part of the day
    its time ("water the plants every morning": daily, due "in the morning", the next 9:00;
    "every tuesday evening":
    every tuesday, due "tuesday evening"; "every weekday night at 10"). Said without
    "add", a task is still added when it starts with a task verb and is no other request and no
    question: "buy milk", "grab some milk", "call mom #family", "book flights !high", "renew my
    passport", "put the kettle on" (the same title already pending is told, not added twice —
    said in other words too: "grab some milk" or "pick up milk" for "Buy milk", "ring mom" for
    "Call mom"; said with a when, "clean the garage tomorrow", its due date is offered: a yes
    sets it, no twin is added); not when a
    title would name tasks already on the list ("pay it", "book that one", "call task 3", "book the
    flights one", "buy all the groceries", "take a look at my list", and with a when "pay it by
    friday", "finish them by friday"; "call the plumber on thursday instead" add nothing; nor
    does a question, "do I have gym today?", "do we need milk tomorrow"). The verbs
    that also ask about tasks there ("check", "do", "cancel", "drop", "set", "make", "move", "sort",
    "start", "update", "finish": "check my tasks", "set the flights one to urgent") need a when for
    a new task ("do the laundry tomorrow"; "finish X by friday" is a deadline, "finish X" alone
    completes X; a when kept in the title is none: "do the passport next month" adds nothing), and
    "set the X for/at/to/on <when>", "make the X at <when>" move the task named ("set the meeting
    for 3pm"). After "which one?" the words first pick among the tasks offered ("pay the bank fee").
    With a when or a recurrence, a task starting with another word is added when it has "by/on/due"
    and is not a question ("rent due friday"; "the rent is due friday" moves a task, below). The
    when may come first: "tomorrow I need to X", "friday: X", "tomorrow at 9 call the plumber",
    "remind me tomorrow at 9 to X"; so may a recurrence: "every 2 weeks water the cactus"; and
    before a short title without a verb, with "add" or not: "every monday gym", "friday at 10am
    dentist", "tomorrow dentist 3pm" (a day first, a time last: one due), "add today call mom"
    (a one-word recurrence or a three-letter day is a name's: "add daily standup", "add sat exam
    prep"; a title left hanging is none: "mvoe gym to friday" adds nothing). "this weekend",
    "next week", "next month" ending a title are its due date when what
    is left is a task of its own ("add clean the garage this weekend": the coming Saturday, today
    on a weekend; "add call the bank next week": next Monday); a verb alone, a title left
    hanging or a verb that may ask about a listed task keeps them ("add plan next week", "add
    read about eod", "do the passport next month"), as "the weekend" always stays ("add enjoy
    the weekend"; "on the weekend" is a due date).
    "Remind me to X at 5pm" sets the due date and a reminder "when it's due" ("remind me to X by
    friday" is a deadline: no reminder); so do "remind me every monday to X", "remind me every day
    at 8am to X" and "every day at 8am remind me to X" for a repeating task (an all-day one at
    ``REMINDER_ALL_DAY_TIME``, 9 am; the tools move the reminder to each next occurrence as the task
    is completed; when the first occurrence's time has passed, "remind me every day to X" after 9
    am, they set it for the next one). When a reminder's time has already passed on a task that
    does not repeat ("remind me today at 8am to X" at 9), the tools refuse it and add nothing: the
    task is added again without it, and the reply says there is no reminder.

Reminders (``reminder`` on ``update_task``)
    "remind me an hour before", "remind me 15 minutes before", "remind me the day before at
    9" — on the task the conversation is about; "remind me about task 3 at 9pm tonight",
    "remind me about the dentist the day before at 9", "remind me about the report tomorrow at
    9" (the task it names, found as a name is: several ask which one; none adds the task, due
    then, with a reminder when it's due), "set a reminder for task 3 at 8am tomorrow", "task 3
    remind me in 10 minutes" / "add task number 3 remind me in 1 minute" / "remind me in 10
    minutes about task 3" (a number is never a new task's title); "cancel
    the reminder on task 3" / "turn off the reminder for X" / "don't remind me about X" / "stop
    reminding me about task 3" / "no reminder for X" clears it ("stop reminding me" alone: the
    task just talked about); "snooze the oven reminder
    for 10 minutes", "snooze it until tomorrow morning" set it for then; "add a reminder to call
    the bank tomorrow" adds the task with a reminder when it's due. A snooze by a span counts
    from the reminder's own time while it is still to come (the reminder at 9:30, "snooze it
    for 10 minutes" at 9:00 sets 9:40, sent as an instant; never brought forward), from now
    once it has gone off. "what reminders do I have?" /
    "show my reminders" list the pending tasks with one, soonest first.
    Replies say when: "I'll remind you about “Call mom” (#1) tomorrow 4 pm."; a reminder the
    tools refuse (no due date, in the past) is told in their words.

Recurrence (``recurrence`` on ``update_task``)
    "make task 3 repeat every monday", "change the bins to every other week" (never a rename);
    "make task 3 repeat <anything else>" is sent as said, so a repetition the tools refuse
    ("twice a week": which days?) is told in words, never added as a task; so is "make the rent
    repeat twice a week" (a task by name), and "add gym twice a week" sends "Gym" with the
    recurrence "twice a week", whose refusal is told (nothing added; "once a week" is weekly);
    "stop repeating task 3", "make X not repeat", "remove the recurrence from X" → ``""``.

Listing and counting (``list_tasks``)
    all: "Show me all my tasks", "List my tasks", "List all", "What's on my list?", "My todos",
    "check my tasks", "take a look at my list", "go through my todo list", "let me see my list";
    pending: "What's pending?", "What's left?", "What do I still have to do?", "Is there
    anything left?", "What's next?"; "What's coming up?" (pending, by due date);
    completed: "What have I completed?", "Show done tasks", "What tasks are done?", "What did I
    do today?" (the first three list too the repeating tasks completed at least once — each is
    pending again, due next time — with when each was last done);
    all again when done ones are asked for with the rest: "everything including completed",
    "pending and done", "done ones too".
    Filters (pending tasks unless "all" or "done" is said): "what's due today", "what's due
    tomorrow" / "what's on tomorrow" / "what do I have to do tomorrow" (any list request naming
    tomorrow) (after today and before the day after tomorrow: the tools' ``due_after`` and
    ``due_before``), "what's due this week", "show overdue", "anything urgent?", "which ones
    are due today" / "which are overdue" (as "which tasks …", when it names which), "tasks due
    before friday" / "due after dec 20" (the tools' strict ``due_before`` / ``due_after``; a
    date it cannot read, "due before 10000-01-01", or a tag with no letter, "tagged ####", is
    said and nothing listed: the whole list would pass for the one asked),
    "what's due next week" / "what do I have next week" (any list request naming next week,
    "thursday next week" too: Monday to Sunday, after "sunday this week" and before "a week from
    monday"), "what about tomorrow?" / "how about next week?" (a filter alone), "what do I have
    on friday" / "what's on friday" / "do I have anything on saturday?" (that day as the tools read
    "friday": the coming one, next week's on a Friday; "next friday", "this friday" name no day),
    "what's due by friday" / "anything due by tomorrow?" (due before "a day from friday": up to
    the end of that day, overdue ones too), "what do I need to do today?" / "what's on my plate
    today" / "what do I have today?" / "show today's tasks" / "anything for today?" (any list
    request naming today, unless it asks what was done or added then: due before "tomorrow",
    today's and overdue ones; "tomorrow's tasks", "this week's list" likewise), "what's on my
    plate this week" / "what do I have this week" (any list request naming this week, unless it
    asks what was done or added then), "anything due soon?" (due before "in 8 days": within a
    week, overdue ones too),
    "tasks without a due date" / "with no due date" / "with no deadline", "what's tagged work",
    "#family", "tasks tagged home", "high-priority ones", "urgent", "!high", "show my recurring
    tasks" / "which tasks repeat" / "what repeats?" (``recurring=true``), "one-off tasks" /
    "which tasks don't repeat" (``recurring=false``); "show me my work tasks", "what are my
    shopping tasks", "show health tasks", "show me work stuff" (the word right after the list
    verb; "the", "these"… are none; "stuff", "things" only after show/list: "get things for the
    party" is a task) — the tasks tagged that word (``tag``) when there are any, else those whose
    titles hold it as a whole word (``search``, then matched as names are) — unless the word is a
    list word of its own ("my pending / urgent / overdue / completed / recurring / other /
    upcoming tasks").
    Order: "sort my tasks by due date", "sort by priority", "by priority", "alphabetically"
    (``sort``). "How many
    tasks are left?" / "How many tasks do I have?" / "How many are due today?" answer with a
    number (the list's ``total``); "How many have I completed?" counts the repeating tasks
    completed at least once too, apart, as "What have I completed?" lists them.
    "show task 3", "what's task 3?", "what about task 3?", "details of task 3" show that one
    task. "find dentist", "tell me about the dentist", "what are the details of the plumber
    task?", "show the plumber task",
    "search for bank", "do I have a task about X", "do I have anything about X", "which tasks
    are about X", "which ones are about X", "do I have any meetings?" (words that are no list
    filter; "do I have any overdue tasks?" lists them) show the tasks whose titles
    match (as below; typos allowed, since nothing changes). Lists show each task's number,
    title, "(done)", its due date in words in the user's zone ("today 5 pm", "tomorrow",
    "Fri 4 Dec", "overdue since Mon 30 Nov"), "repeats", priority, tags and description. A
    list longer than a page ends "…and N more. Say “show more” to see them."; "show more",
    "next page" fetch the next page of that list (its cursor, read from the history); a pending
    task's line also says when its reminder fires.
    Questions about one task, found as a name is (or by number, or "it"), change nothing: "when
    is the plumber due?", "is the rent done?" / "did I buy milk?", "how important is the rent?",
    "what tags does the report have?" / "how is the rent tagged?", "does the gym repeat?" / "is
    the gym a recurring task?" ("“Gym” (#2) repeats every Thursday; it's due tomorrow."),
    "what's the note on task 2?" / "does the dentist have a note?" / "any notes on the dentist?",
    "what category is the report in?", "when does the gym repeat?" (after a list, "what tags
    does the first one have?" asks about the task listed first),
    "did I delete the rent task?" / "was the rent deleted?" / "is the rent still on my list?"
    ("“Pay rent” (#3) is still on your list (pending, due Fri 4 Dec)."; several matches are all
    listed; none: "There's no task matching “rent” on your list.");
    "what's my next deadline?" / "when's my next task?" / "which is due first?" name the pending
    task due soonest;
    "what did I add today?" / "what did I add recently?" list the newest tasks first (asked of
    the tools newest first: those added today, or the newest five). "what did I complete
    today?", "what have I done this week?", "what did I finish since monday?", "what did I
    finish yesterday?" (since yesterday), "show tasks completed today", "how many tasks did I
    finish today?" list (or count) what was completed since then, last done first, a
    repeating task by its last completion; "what have I done?" lists every completed task.
    "what should I do next?", "what should I work on?", "where do I start?", "what's most
    urgent?", "what's my top priority?", "what's my highest priority task?", "what should I focus
    on today?", "what now?" name the most pressing three pending tasks:
    overdue and due within a week first, soonest first, then the rest by priority (sooner
    first); the rest are counted, not listed. That list is replayed later without due dates
    and priorities, so "the first one" after it points at nothing (it is asked which task).

Completing (``complete_task``)
    By number: "Mark task N as complete/done", "Complete task N", "Finish #N", "Check off N",
    "Task N is done", "task N done", "I finished task N", "done: N". Several: "complete 1, 2 and 4",
    "mark 2 and 3 as done"; "done with 1 and 4", "finished 2, 3", "1 and 4 done" are asked
    about first. By name: "I finished the report", "I'm done with X",
    "done with X", "Mark X as done", ticked off ("X ✅", "✅ X", "[x] X", "done: X": asked about
    first, as "X done" is),
    "mark as done X", "Complete X", "Cross off X", "cross X off my list", "X is
    done", "X is over", and
    the past tense of what the task says — "I bought the eggs" (Buy eggs), "I sent the
    invoice", "I did the laundry", and without "I": "called mom", "got the groceries";
    said of the task: "the milk is bought", "the rent has been paid" — only
    pending tasks are candidates; a completed
    match is answered "… is already done." without a change. A name that is only part of what a
    title lists ("done with eggs", "I bought the eggs" for "Buy eggs, bread and butter"; "called
    mom" for "Call mom and dad") asks before completing — or deleting — the whole task: "“Buy
    eggs, bread and butter” (#1) lists more than “eggs”. Do you want to complete the whole
    task? Say yes to complete it."; naming every part, or the number, acts. A deed said with a
    title that starts with another one ("I walked the dog" for "Buy dog food", "I called the
    plumber" for "Pay the plumber") asks first; among tasks the words name alike, the one whose
    deed it is ("Call the plumber") is completed, or, done already, said to be. A task completed
    twice is told
    "… was already done."; a recurring one moves on: "Done — next one is Mon 7 Dec".
    Several tasks by name, completed or deleted ("complete milk and rent", "delete the eggs,
    the milk"): when the whole phrase names no task and each name finds exactly one, they are
    named in one question ("Complete these 2 tasks? Say yes to confirm.") and only a yes acts;
    a name that finds none, or two, changes nothing and says so.

Skipping (``complete_task``)
    "skip this week's gym", "skip the gym today", "skip today's workout", "skip task 3", "skip
    it": one occurrence of a repeating task is completed, so the task moves on ("Skipped — next
    one is Thu 10 Dec"). The task is looked up first: one that does not repeat, or (with "this
    week", "today", "tomorrow") is next due after then, is told so, nothing changed.

Deleting (``delete_task``)
    "Delete task N", "Remove #N", "Get rid of N", "delete tasks 2 and 3";
    by name: "Delete the meeting task", "Remove milk from my list", "take X off my list",
    "Scrap X", "Scratch X",
    "Forget X", "Forget about X". When the task's own title starts with the verb said ("cancel
    my gym membership" for "Cancel gym membership", "drop the kids at school"), the user may be
    saying the task, not asking to delete it: "Do you want to delete “Cancel gym membership”
    (#2)? Say yes to delete it." — only a yes as the next message deletes it. A task said to be
    no longer needed is asked about the same way: "nevermind about X", "never mind the X", "X is
    no longer needed", "task N is no longer needed", "I don't need to X anymore", "(there's) no
    need to X anymore", "I don't want the X anymore", "the X got cancelled", "X cancelled"
    ("netflix is cancelled" for "Cancel netflix subscription" asks to complete it instead). After
    "which one?" the task picked is asked about again, for both kinds; "the first one" or a number
    is not a yes ("never mind" alone, "nevermind that", "never mind then" name no task).

Changing (``update_task``)
    Title: "Change task N to 'X'", "Rename task N to X", "edit task N: X", "change X to say Y",
    "rename task N to read Y" (a trailing "instead" is dropped), "rename task N Y" (after
    "rename" and a task number, "to" may be left out), "Rename groceries to weekly groceries";
    by name, "change the milk to oat milk" puts the new words in place of those naming
    it ("Buy milk" → "Buy oat milk"; said with a deed, "change the milk to buy bread", they are the
    title); a new title said with a when after "change/set/update" gets it as its due date ("change
    task 1 to call mom tomorrow"), "change task 1 to sometime tomorrow" only moves it, and a when
    the tools can't place ("sometime next week") or "done tomorrow" changes nothing and is not
    understood (quoted, or after "rename", the words are the title as said). Description: "Change
    the description of task N to Y", "Add a note to task N: Y", "Add a note to the X task: Y", and
    "add a note: Y" for the task just talked about.
    Reopening: "oops, I didn't finish X", "I haven't actually done task N", "I didn't buy
    milk after all" (the verb is part of the name), "uncheck X",
    "reopen task N", "mark task N as not done", "X isn't done", "X is
    still open", "undo" (the task just completed; after anything else nothing changes and the
    reply says so) → ``update_task(completed=false)``; a task that is not done (by number it is
    looked up first) is said to be so and left alone.
    A verb alone ("delete", "complete", "rename") asks which task.
    Due date: "move the dentist to tomorrow", "postpone task 2 until next week", "change the meeting
    to friday", "task 3 is due friday", "set the due date of task 3 to Dec 3" →
    ``update_task(due=…)`` (never a rename to "Tomorrow"); "the dentist is tomorrow", "dentist
    moved to monday", "the party got pushed to friday" (news, maybe) move it after a yes, and
    "today is friday" is no task; a task keeps its time of day when the
    new when is a day alone: "push the plumber to friday" for a task due tomorrow 3 pm sends
    ``due="friday at 15:00"``; a time alone keeps the task's day: "move the meeting to 9am" for a
    task due friday 10 am sends ``due="2026-12-04 at 9am"`` (a task named by number, picked by an
    answer or said as "it" is looked up first; a task with no due date, or one due all day, gets the
    when as said);
    By a span: "push the dentist back a day", "push it back an hour", "delay task 2 by 2 days",
    "postpone the dentist by a week", "move the meeting 30 minutes later", "bring the report
    forward a day", "extend the deadline for the report by 3 days" — the task is looked up and its
    own due date moved (whole days keep its time of day, "2026-12-04 at 15:00", or stay all-day;
    hours and minutes move the instant); a task with no due date, or all-day for a move by hours,
    is told so, nothing changed.
    "remove the due date from task 3" → ``due=""``; "make the dentist due monday", "the dentist is
    on thursday", "the plumber is due friday", "buy milk should be tomorrow", "the meeting is now at
    5pm", "make it tomorrow", "the plants can wait till tomorrow", "task 3 can wait until
    friday" move it too ("the garage can wait", with no day, changes nothing); right after a
    task's day was set, "actually make that
    thursday" is the Thursday of that week (set to Wed 9 Dec: Thu 10 Dec), and so is "no wait,
    thursday", "sorry, I meant thursday" (a day or time alone corrects a move only right after
    it; said after anything else it changes nothing). "remove the notes
    from X" / "clear the description of task 3" → ``description=""``; "task 3 notes: Y" sets
    it; "remove the priority from X" → ``priority="none"``. Priority: "set task 3 to high
    priority", "make the dentist urgent", "mark task 3 as low priority", "set task 3 priority
    to high", "change the priority of X to low", "change rent priority to low",
    "lower / raise the priority of X" (one step from its own: none → low → medium → high; at
    either end it says so), "prioritize X", "X is urgent", "bump X to high"; by numbers, "set
    task 1 to high and task 2 to low", "make task 3 urgent, task 1 low priority" set each (a
    number said twice is not understood; by names, "set the report to high and the milk to low"
    changes nothing and asks for each in a message of its own); "the report is not important
    anymore", "task 3 is no longer urgent", "it's not a priority" → ``priority="low"`` (never
    a deletion); "change it back to high", "set task 3 back to low", "move the dentist back to
    friday" are read without "back".
    Tags: "tag task 3 with work", "tag the dentist with health", "add the tag work to X" — added to
    the task's own tags, so the task is looked up first (by number: one list page of 200, following
    its cursor twice); "remove the work tag from task 3", "remove #work from X", "take the home tag
    off X" take one off (a tag the task does not have is said, nothing changed), "untag task 3" /
    "remove all tags from X" every one ("remove the tag from X": its one tag; with several,
    which one is asked, nothing changed); "move the report to #work", "put task 3 under the home
    tag", "move it to #errands" make that tag its only one; "move the report to work" (no "#",
    nothing else read) does so when a task is already tagged work (the list is looked up), else
    nothing changes and "#work" is asked for.

Two requests in one message — "add call mom and add pay rent tomorrow" adds both; "add milk and
delete task 2", "complete task 1 and show my tasks" change nothing and ask for them one at a
time (how they combine would be a guess).

Many tasks at once — "mark all as done", "finish all", "complete everything", "I finished
everything", "delete everything", "clear my list", "clear completed tasks", "remove completed
ones", "delete everything I've completed", "remove the ones I finished", "delete all meeting
tasks", "uncheck all": a reference starting with all/every/everything/each/both, or made only of
completed/done/pending… and ones/tasks ("I've completed", "that are done" count as "completed"),
is never a title. The assistant lists the tasks it would touch and asks "… Say yes to confirm.";
only a yes as the next message acts, with one call per listed task. What follows "but",
"except (for)", "other than", "apart from", "besides", ", not" is left out: "delete all but
milk", "complete everything except rent", "mark all done except task 3", "delete everything
but the milk and the rent" ask "Delete all 4 tasks other than “Buy milk” (#1)? …" — a number
names that task, words every task they name as a whole (or, failing that, part by part); a
name that matches no task changes nothing and is told.
Task numbers said as a range — "delete tasks 1-4", "1–4", "complete 2 to 5", "mark 3 through 6
as done", "4-1" (the same range), "complete 1-5 except 3" — are looked up (list pages of 200,
following the cursor twice) and named in a question ("Delete these 4 tasks? This can't be
undone. Say yes to confirm."); numbers not on the list and tasks already done are told; only a
yes acts. A range of more than ``MAX_SPAN`` (20) numbers is refused. Numbers said one by one
("delete 1, 2 and 3") act at once. "delete all meeting tasks"
looks up with ``search``; "delete all tasks tagged home" with ``tag``, "complete all overdue
tasks" / "complete everything due today" with ``due``, "mark all high priority tasks as done"
with ``priority``, "delete all recurring tasks" with ``recurring``. When the list has more tasks
than one page shows, it refuses and says why.

Which task a name means: every word of the reference must be a whole word of the title, with
light stemming ("groceries" = "grocery", "bins" = "bin"): "car" never matches "cardiologist".
Articles, "task", "todo", "one" are ignored. The lookup is ``list_tasks(search=…)`` with the
reference's longest word cut so that every whole-word match contains it ("groceries" →
"grocer"); the matching itself stays here. One match → acted on. Several → "which one?" with
the list. When more tasks hold the word than one page shows, nothing is changed and the reply
asks for the number or more of the title. No whole-word match → the list itself is read
(one page) for a title matching with a typo per word ("dentst") → "Did you mean …? Say yes
to …" (never acted on without the yes); several such → "which one?".

Follow-ups, read from the history (the last request that stands on its own and what came
after): answers to "which one?" — "the second", "the last one", "#4", "4" (a number that is
none of the tasks offered is asked about, never guessed), "the bank one" (narrows the
candidates by their words), "yes"/"no"; "yes" to a "Did you mean" or a bulk question ("ok"
is not a yes: the question is asked again); "delete it", "mark that done", "rename it to X"
right after a task was added, changed, found or listed alone (not after several at once);
"complete the second one" after a list (still that list after one of its tasks was completed
or changed: "complete the second one", then "delete the last one"; when the place is the task
just completed — "complete the third one", then "delete the last one" — it, or the last one
still to do, is asked; said while a yes/no question is open — "dentist done", then "delete the
first one" — the task that question showed is asked about, not acted on); "mark the first and second
as done", "delete the first and the last" after a list name those tasks and ask (a yes acts;
"skip them", "push them back a day" are refused: one task at a time);
a position or number alone after a list ("the first
one", "#2": a number the list shows; another is said not to be in it) makes that task the one
talked about, nothing done: "“Call mom” (#1) — what would you like to do with it?", and "delete
it" next deletes it ("task 2", "#2" with no list shown show that task).
"Cancel that", "scrap that", "scratch that", "forget it", "forget about it",
"never mind", and a change refused ("don't delete the milk task", "do not complete task 2",
"no, don't", "I don't want to delete X") change nothing: they cancel the open question, or say
"OK, nothing changed." — or, right after a change, that it stands and how to take it back ("OK.
“Dentist” (#1) is already deleted — to have it back, add it again.").
(what "that" undoes is not known for sure: "undo" reopens the task just completed; "undo",
"scratch that", "cancel that", "forget it" right after one task was added offer to delete it,
and a yes deletes it; after anything else they change nothing; "delete it" deletes).
Right after a completion or deletion, "mom too", "and the milk as well", "also call mom" do the
same to the task named (found as a name is: several ask which one; said with a task verb, "and
buy groceries too", it is asked first, and naming no task, "also buy eggs", it is added as it
would be alone). A correction of the task just completed or deleted
— "no, the other one" (the other task of the words it was found by), "not milk, mom", "I
meant mom" — acts on the right one and says plainly what became of the wrong one: a completion
stays ("“Buy milk” (#1) is still marked done — say “reopen task 1” if it isn't done": the tools
could reopen it, but a second change on a guess is not made); a deletion can't be taken back, so
the right one is asked about first ("… was already deleted and can't be brought back — say “add
Buy milk” to add it again. Do you want to delete “Call mom” (#3)?"). No other task of those
words, "wrong one", or words that don't name the task done ("not the bread, …"): asked,
nothing changed. Right after a move, "not friday, thursday" corrects it, as "no wait, thursday"
does.

Typos: a message nothing understands is tried again with its first word, then all its command
words, corrected to the single closest command word (one typo, two for long words; ``rapidfuzz``
Damerau-Levenshtein): "shwo my taks", "ad buy bread", "delte task 2". Titles are never
corrected, and a message read as a new task ("buy mlik") is read so before any typo is. A
deletion by name whose command word was corrected asks before acting. "and" is never read as a
typo of "add" ("every monday and thursday gym" is one repeating task, "Gym").

A change to many tasks that names none ("move all my tasks to tomorrow", "rename everything
to X") is refused in words, nothing changed.

Conversation: "hi"/"hello", "what's up", "how are you" → a greeting; "are you a bot?" → what it
can do; "help"/"what can you do" → examples; "thanks"/"ok"
→ an acknowledgement; "bye" → a goodbye; another user's tasks ("delete user 2's tasks", "show
tasks of user 5", "as user bob, delete task 1", "everyone else's tasks", "show bob's tasks";
not in a task being added) → only the user's own tasks can be seen or changed, no tool; a
message in the tools' own names ("call delete_task with task_id 1", a pasted tool call; not in
a task being added: "add fix the update_task bug") is never run as said nor added as a title:
one task to delete or complete by number is asked about first ("Do you want to delete “Call
mom” (#1)? Say yes to delete it."), "list_tasks" lists what is pending, anything else is
answered with how to say it in plain words, nothing changed;
anything else → "Sorry, I didn't understand …" with examples, no tool.

Replies name tasks by number and title; a failed call is told in plain words ("There's no
task 9 on your list.", "the title is too long (at most 200 characters)", "I didn't understand
“next week” as a day") — never a tool name or a validation dump. Tasks are numbered from 1:
"delete task 0", "complete 0 and 2" say there's no task 0 without a call for it. A needed tool
that is not offered gives "Sorry, I can't … right now."

"Now", for due dates in words, is the moment the agent's instructions state in the user's zone
("It is now …, 15:50 there (2026-11-29T15:50-05:00)"); without it dates are worded on their own
("Fri 4 Dec"). Same input and instructions, same output.

Call ids are ``call_`` plus a SHA-256 prefix of the request, its position in the history, the
items just before it and the step, so they are unique across turns. Usage is one request with
zero tokens; ``response_id`` is None.
"""

from .intents import Intent
from .model import OfflineModel
from .parse import parse_intent

__all__ = ["Intent", "OfflineModel", "parse_intent"]
