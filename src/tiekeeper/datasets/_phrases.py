"""Phrases for the fictional export: message sentences and templates, recruiter
pitches, invitation notes, recommendation texts, sponsored and spam bodies.

All of it is invented. The sentences deliberately hold commas, quotes,
ampersands, curly apostrophes, accents and emoji, which exercise quoting, HTML
escaping and word counting in readers.
"""

from __future__ import annotations

__all__ = [
    "GROUP_TITLES",
    "INVITE_NOTES",
    "ONE_OFF_OPENERS",
    "ONE_OFF_REPLIES",
    "ONE_SIDED_LINES",
    "RECOMMENDATION_LINES",
    "RECRUITER_LINES",
    "REPLY_OWED_LINES",
    "REVIVAL_OPENERS",
    "SENTENCES",
    "SLOTS",
    "SPAM_LINES",
    "SPONSORED_SENDERS",
    "SPONSOR_BODIES",
    "TEMPLATES",
]

GROUP_TITLES: tuple[str, ...] = (
    "Launch crew",
    "Q3 planning",
    "Data guild",
    "Offsite logistics",
    "Friday demos",
    "Incident review",
    "Book club",
    "Alumni dinner",
    "Hiring panel",
    "Migration squad",
)

#: The sentences ordinary messages are cut from. Commas, quotes, ampersands,
#: curly apostrophes, accents and emoji are deliberate: they exercise quoting,
#: HTML escaping and word counting.
SENTENCES: tuple[str, ...] = (
    "Thanks for the intro, really appreciated it.",
    "Are you free for a quick call on Thursday?",
    "I pushed the draft to the shared folder, let me know what you think.",
    "Congrats on the new role!",
    "Happy to help, just send me the deck when it’s ready.",
    "Sounds good, talk soon.",
    "Quick question about the migration plan: do we still need the legacy export?",
    'We called it the "quick win" list, but nothing on it was quick.',
    "The dashboard is live now and the numbers match finance.",
    "Could you review the proposal before Monday?",
    "I’m out next week, so let’s sync before Friday.",
    "Saw your post about the hiring freeze, hope your team is okay.",
    "The Q&A after the talk was the best part.",
    "Our R&D budget got cut again, so we’re prioritising ruthlessly.",
    "Lunch next time you’re in town?",
    "Thanks!",
    "👍",
    "Haha, exactly.",
    "That makes sense.",
    "Let me check with the team and get back to you.",
    "I just read the postmortem, great write-up.",
    "Do you still have the notes from the offsite?",
    "We kept latency < 50 ms for the whole quarter, which felt impossible in January.",
    "Can you share the contact at the vendor? Ours went quiet.",
    "It was great catching up yesterday.",
    "I’ll be at the meetup in March, are you going?",
    "Thank you for the recommendation, it means a lot.",
    "Would love your take on this job description before it goes out.",
    "Welcome back from leave!",
    "The P&L review moved to Wednesday at 10.",
    "We finally shipped the café loyalty pilot 🙂",
    "Not sure the naïve approach scales, but it’s a start.",
    "Just landed, will call you from the hotel.",
    "Do you know anyone who does good contract work on data pipelines?",
    "Happy birthday! Hope it’s a good one.",
    "Sorry for the slow reply, it’s been a hectic month.",
    "The board loved the roadmap, thanks for the late-night edits.",
    "How is the new team treating you?",
    "Let’s grab coffee when things calm down.",
    "I’m leaving at the end of the month, wanted you to hear it from me first.",
    "I put your name forward for the panel, hope that’s okay.",
    "We’re hiring two engineers, feel free to share the post.",
    "Attached the slides from today, the appendix has the raw numbers.",
    "Any tips for the first ninety days in a manager role?",
    "Great to see the team grow so fast.",
    "Can we move our one-on-one to Tuesday?",
    "Thanks again for covering the on-call shift.",
    "The customer interviews were eye-opening, I’ll write them up.",
    "If you need a reference, count me in.",
    "Did the contract with the logistics partner ever close?",
    "I found the bug, it was a time zone issue all along.",
    "Are you going to the alumni dinner?",
    "Thank you for thinking of me.",
    "Let me know when you’re back from holiday.",
    "We should write that blog post together, the results are too good to keep quiet.",
    "Loved the talk, especially the part about cadence and decay.",
    "I owe you one for the introduction to the platform team.",
    "Morning! Did the deploy go out?",
    "Reading your thesis now, the second chapter is excellent.",
    "Hope the move went smoothly.",
)

RECRUITER_LINES: tuple[str, ...] = (
    "Hi {first}, I came across your profile and think you'd be a strong fit for a "
    "{title} role with one of our clients, a fast-growing team in {city}. "
    "Would you be open to a short call this week?",
    "Hello {first}, I'm building the {title} team at a well-funded startup and your "
    "background stood out. The package is competitive and the role is hybrid. "
    "Are you open to new opportunities?",
    "Hi {first}, just following up on my previous message about the {title} opening. "
    "Happy to share more details if you're interested.",
    "Dear {first}, we are partnering with a leading company on a confidential {title} "
    "search. Your experience at {company} is exactly what they need. "
    "When would suit you for a quick chat?",
)

ONE_SIDED_LINES: tuple[str, ...] = (
    "Hi {first}, great to connect! I'd love to hear how you approach data quality at {company}.",
    "Hi {first}, following up on my note: would you have 15 minutes for a call next week?",
    "Hi {first}, I thought this article on platform teams might interest you.",
    "Hi {first}, congrats on the anniversary at {company}! Any chance to catch up?",
    "Hi {first}, one last try: I'm in your city next month, coffee?",
)

#: A one-off exchange when connecting: the opener, then the answer.
ONE_OFF_OPENERS: tuple[str, ...] = (
    "Thanks for connecting, {first}!",
    "Great to connect, {first}. Let me know if I can ever help.",
    "Hi {first}, thanks for the add! I enjoyed your talk last week.",
    "Hi {first}, nice meeting you at the meetup yesterday.",
)
ONE_OFF_REPLIES: tuple[str, ...] = (
    "Likewise, great to connect!",
    "Thank you, {first}! Same here.",
    "Thanks! Let's stay in touch.",
)

#: The first message when a dormant tie comes back to life.
REVIVAL_OPENERS: tuple[str, ...] = (
    "Hi {first}, long time no talk! How have you been?",
    "{first}! It's been ages. Are you still in the same team?",
    "Hey {first}, I saw your post and realised we haven't spoken in years. Coffee soon?",
)

REPLY_OWED_LINES: tuple[str, ...] = (
    "Hi {first}, I'm interviewing for a role on your old team and would really value "
    "your advice. Could we talk for twenty minutes this week?",
    "Hey {first}, are you still up for writing that reference? The deadline is Friday.",
    "Hi {first}, we're putting together a small panel on data platforms in April, "
    "would you join us as a speaker?",
    "Hi {first}, long time! I'm moving to your city next month and would love to catch up.",
)

INVITE_NOTES: tuple[str, ...] = (
    "Great meeting you at the conference today!",
    "Hi, we worked together on the migration project, let's stay in touch.",
    "Hi {first}, I enjoyed your talk on data platforms, would love to connect.",
    "Looking forward to working together.",
    "Hi {first}, I'm a recruiter working on data roles, would be great to connect.",
)

RECOMMENDATION_LINES: tuple[str, ...] = (
    "{first} is one of the most thoughtful people I have worked with. "
    "At {company} {pronoun} rebuilt our reporting stack while mentoring two junior analysts, "
    "and never lost sight of what the business needed.  I would hire {first} again "
    "without hesitation.",
    "I managed {first} for two years at {company}. {first} combines deep technical skill "
    "with an unusual ability to explain trade-offs to non-technical stakeholders, "
    "and the team's delivery improved measurably as a result.",
    "Working with {first} at {company} was a pleasure: calm under pressure, generous with "
    "time, and relentless about quality. Any team would be lucky to have {first}.",
)

SPONSORED_SENDERS: tuple[str, ...] = (
    "LinkedIn Member",
    "Jordan from LinkedIn Premium",
    "Casey @ LinkedIn",
    "Ravensholt Security",
    "Mistral Learning",
    "Pebblecrest Capital Talent Team",
)

SPONSOR_BODIES: tuple[str, ...] = (
    '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p>'
    '<p class="spinmail-quill-editor__spin-break">Your background matches what our '
    "clients are looking for. Try Premium free for 1 month &amp; see who viewed your "
    "profile.</p>",
    '<p class="spinmail-quill-editor__spin-break">Hello %FIRSTNAME%, we&rsquo;re '
    "hosting a free webinar on cloud cost control next Tuesday. Save your seat "
    "&rarr;</p>",
    '<p class="spinmail-quill-editor__spin-break">Hi {first}, our {title} role is '
    "still open. Remote-friendly, equity &amp; a 4-day week. Interested?</p>",
    '<p class="spinmail-quill-editor__spin-break">%FIRSTNAME%, your free trial '
    "is waiting.&nbsp;Unlock InMail credits today.</p>",
)

SPAM_LINES: tuple[str, ...] = (
    "Hello dear, I have a very lucrative business proposal for you, kindly reply.",
    "Congratulations!!! You have been selected for an exclusive crypto opportunity.",
)

#: Sentence templates; slots are filled from :data:`SLOTS` (``{num}`` with a number,
#: ``{name}`` with a first name). They give the text pool enough variety that it
#: compresses like real text rather than like a handful of repeated lines.
TEMPLATES: tuple[str, ...] = (
    "I {verb_past} the {adj} {noun} {time}.",
    "Could you {verb} the {noun} {time}?",
    "{name} said the {noun} is {state}, so we {modal} {verb} it {time}.",
    "We {verb_past} {num} {noun_pl} {time}, which {feeling}.",
    "The {adj} {noun} {status} {time}.",
    "Are you free {time} to {verb} the {noun}?",
    "Thanks for {gerund} the {noun}, {closing}.",
    "Let me {verb} the {noun} with {name} and get back to you.",
    "{exclaim} The {adj} {noun} {status}.",
    "Did {name} ever {verb} the {adj} {noun}?",
    "Our {team} {verb_past} {num}% of the {noun_pl} {time}.",
    "I’m {state2} about the {noun}, can we talk {time}?",
    "{name} and I {verb_past} the {noun} {time}; {feeling2}.",
    "If the {noun} {status} {time}, I {modal} {verb} the {noun2} instead.",
)

SLOTS: dict[str, tuple[str, ...]] = {
    "verb": tuple(
        "review update ship fix share test merge draft rewrite present approve migrate "
        "document benchmark archive schedule estimate prototype refactor forecast".split()
    ),
    "verb_past": tuple(
        "reviewed updated shipped fixed shared tested merged drafted rewrote presented "
        "approved migrated documented benchmarked archived scheduled estimated prototyped "
        "refactored forecast".split()
    ),
    "gerund": tuple(
        "reviewing sharing sending fixing covering organising hosting writing explaining "
        "testing".split()
    ),
    "adj": tuple(
        "new old quarterly final shared internal legacy draft revised updated monthly "
        "nightly customer pricing hiring onboarding security billing mobile analytics".split()
    ),
    "noun": (
        *"dashboard roadmap proposal contract pipeline report deck budget schema forecast "
        "release survey backlog runbook invoice demo spreadsheet API".split(),
        "offsite agenda",
        "job description",
        "migration plan",
        "retro notes",
        "data model",
        "pricing page",
        "launch plan",
        "postmortem",
        "OKR draft",
        "design doc",
        "test suite",
        "vendor shortlist",
    ),
    "noun_pl": tuple(
        "dashboards tickets accounts reports interviews invoices experiments releases "
        "queries candidates customers slides".split()
    ),
    "time": (
        "today",
        "tomorrow",
        "this afternoon",
        "on Monday",
        "before Friday",
        "next week",
        "after lunch",
        "by end of day",
        "on Thursday morning",
        "later this month",
        "at 3:30",
        "in Q3",
        "after the board meeting",
        "over the weekend",
    ),
    "state": (
        "almost done",
        "blocked on legal",
        "way over budget",
        "finally stable",
        "ready for review",
        "still in draft",
        "late again",
    ),
    "state2": ("a bit worried", "really excited", "curious", "unsure", "optimistic"),
    "status": (
        "went live",
        "slipped a week",
        "passed review",
        "needs another pass",
        "is on hold",
        "looks great",
    ),
    "feeling": (
        "felt like a small miracle",
        "surprised everyone",
        "nobody expected",
        "made the CFO happy",
        "was a relief",
    ),
    "feeling2": (
        "it went better than expected",
        "honestly it was a slog",
        "the client loved it",
        "we learned a lot",
    ),
    "closing": (
        "much appreciated",
        "you’re a star",
        "talk soon",
        "I owe you a coffee",
        "that helped a lot",
    ),
    "exclaim": ("Good news!", "Quick update:", "Heads up:", "Phew.", "FYI:"),
    "team": ("team", "squad", "group", "department"),
    "modal": ("should", "could", "might", "will"),
}
