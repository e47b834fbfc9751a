"""The fixed wording of plans: warm-up, daily habits, cautions, progression rules, notes.

Each sentence restates one of the two source documents (the exercise article and the clinical
overview), a published study named in the sentence, or a choice the guide makes where they are
silent. Every such choice is an entry of `PLAN_CHOICES`, listed with its reason on the site's
choices page; a plan's `notes` repeat the ones it uses. Pure data and small string helpers,
standard library only.
"""

from __future__ import annotations

__all__ = [
    "CHECK_FIRST_TITLE",
    "DISCLAIMER",
    "PAIN_RULE",
    "PLAN_CHOICES",
    "SOURCES_LINE",
    "SOURCES_NOTE",
    "WARMUP_SEATED",
    "GENERAL_CAUTIONS",
    "HABITS_SITTING",
    "MIXED_ROUTINE",
    "SEE_A_CLINICIAN",
    "WARMUP_ACTIVITIES",
    "WARMUP_NOTE_REFER",
    "join_words",
    "with_article",
    "lower_first",
    "progression_weeks",
]


def lower_first(name: str) -> str:
    """A display name for use mid-sentence ("Hamstring strain" -> "hamstring strain")."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def with_article(name: str) -> str:
    """An equipment name with "a" or "an" for use mid-sentence ("Box" -> "a box")."""
    low = lower_first(name)
    return ("an " if low[:1] in "aeiou" else "a ") + low


def join_words(items: list[str], word: str = "and") -> str:
    """Items joined for a sentence: "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


WARMUP_ACTIVITIES: tuple[str, ...] = (
    "Light cardio, such as brisk walking or marching on the spot, until you feel warm.",
    "Dynamic stretching: slow, controlled movements through a comfortable range, such as leg "
    "swings front to back while holding a support, and hip circles.",
)

# For a fall risk (any condition that rules out standing on one leg): the same two parts of the
# article's warm-up, done sitting in a chair or lying down.
WARMUP_SEATED: tuple[str, ...] = (
    "Light cardio sitting in a sturdy chair: march your feet on the spot and swing your arms, until you feel warm.",
    "Dynamic stretching sitting or lying down: slowly straighten and bend each knee while seated, "
    "then lie on your back with your knees bent and let them rock gently from side to side.",
)

WARMUP_NOTE_REFER = "No warm-up is planned, because no training is planned until a clinician has checked you."

HABITS_SITTING: tuple[str, ...] = (
    "Get up every 30 to 60 minutes for at least 5 minutes at a time (the exercise article's advice "
    "for people who sit a lot or work from home).",
    "Stretch your hip flexors, the muscles at the front of your hip, every day: long sitting "
    "tends to leave them tight while the hip extensors weaken.",
    "For example: stand tall holding a support, step one foot back and squeeze the glutes of that "
    "leg to tuck your pelvis under, until you feel a gentle stretch at the front of that hip. Hold "
    "about 30 seconds, then change sides. Keep it painless and do not arch your lower back.",
)

GENERAL_CAUTIONS: tuple[str, ...] = (
    "Form before load: perform each exercise with good form before you add weight or resistance.",
    "Squeeze your glutes on every repetition so the hamstrings do not do all the work.",
    "Keep your spine and pelvis neutral and your abdominals engaged; do not tilt your pelvis "
    "forward or arch your lower back, which shifts the load onto your back.",
    "Stop an exercise at once if a pain is sharp or sudden, and see a clinician if that keeps happening.",
)

PAIN_RULE = (
    "Pain rule: discomfort up to 5 out of 10 during an exercise is acceptable if it has settled by the "
    "next morning. If it goes higher, or is worse the next morning, make the next session easier. (The "
    "pain-monitoring model of Silbernagel and colleagues, 2007; using it here is the guide's choice.)"
)

MIXED_ROUTINE = (
    "These are hip extension exercises only. The exercise article advises doing 2 to 3 of them as "
    "part of a lower-body routine that also trains other movements, such as hip abduction, "
    "adduction and rotation."
)

SOURCES_NOTE = (
    "This plan is built from two documents, called here the exercise article and the clinical "
    "overview, and from the published studies it names. The Sources page describes them; where "
    "they are silent, the plan makes a choice of its own, listed with its reason on the page of "
    "the guide's choices."
)

# The same, in one line for the printed sheet.
SOURCES_LINE = (
    "Built on the exercise article and the clinical overview, studies and the guide's choices (see online)."
)

CHECK_FIRST_TITLE = "Check with a clinician first, and train supervised"

SEE_A_CLINICIAN: tuple[str, ...] = (
    "Emergency, call your local emergency number: chest pain or pressure, pain spreading to the arm, "
    "neck or jaw, fainting, or severe shortness of breath during or after exercise.",
    "The same day: you cannot put weight on the leg after a fall or injury, a joint becomes hot, red "
    "and swollen, or you have a fever with joint pain.",
    "Book an appointment: pain that is worse the next morning after several sessions in a row, new "
    "numbness, tingling or weakness in a leg, balance that feels unsafe, or a recent injury, fall or "
    "operation involving your hip, pelvis, thigh or knee.",
)

DISCLAIMER = (
    "This plan is general information from a guide, not a diagnosis or treatment. It cannot "
    "examine you. If you have a health condition, or are unsure whether these exercises suit "
    "you, ask a clinician such as a physiotherapist or doctor first."
)

# The guide's choices where the two documents are silent: key -> (title, reason). The choices
# page lists every one (anchor "planner-<key>"); a plan's notes repeat the reasons it relies on.
PLAN_CHOICES: dict[str, tuple[str, str]] = {
    "rest": (
        "Rest between sets",
        "The exercise article gives no rest times. The plan rests 90 seconds between sets for strength "
        "(120 with a barbell or dumbbell), 45 for endurance and 180 for power, and 60 when a short "
        "session has to fit: common, cautious values.",
    ),
    "tempo": (
        "Lifting speed",
        "The exercise article gives no lifting speed beyond lowering gently and under control. The plan "
        "lifts in about 1 second and lowers over about 3, a cautious choice.",
    ),
    "power": (
        "Power dose",
        "Neither document doses power work. Fast lifting builds power only while every repetition is "
        "fast, so the plan gives 3 sets of 3 to 5 fast repetitions with about 3 minutes of rest, on "
        "stable two-footed or box exercises only, above beginner level, and never with a condition "
        "that rules fast work out (hip osteoarthritis, a hamstring strain, a fall risk, a heart or lung "
        "condition).",
    ),
    "beginner_sets": (
        "Sets for beginners",
        "Beginners start at the lower end of the sets and build up, in keeping with the exercise "
        "article's advice to put form first.",
    ),
    "step_up_sets": (
        "Sets for the step-up",
        "The exercise article gives 15 to 20 repetitions on each leg for the step-up but no number of "
        "sets; the plan uses 2 sets, a cautious choice.",
    ),
    "frequency": (
        "Days and spacing",
        "Neither document gives a number of sessions a week or how to space them. The plan follows the "
        "number you chose and leaves a day or more between sessions where it can (for example Monday "
        "and Thursday), because muscles recover between hard sessions.",
    ),
    "many_sessions": (
        "More than three sessions a week",
        "Hard strength work for the same muscles on back-to-back days is usually avoided; on a day that "
        "follows a training day the plan suggests a light session (fewer sets) or a walk.",
    ),
    "weeks": (
        "Week-by-week progression",
        "Neither document says how fast to progress. The plan spends two weeks learning the movements, "
        "then adds repetitions, then sets or load, and moves to a harder exercise only when the easier "
        "one is mastered: a cautious pace.",
    ),
    "move_on": (
        "When to move on",
        "The exercise article does not say when to move to a harder exercise; the plan uses 'every set "
        "at the top of the range with good form, two sessions in a row', a cautious rule.",
    ),
    "warmup": (
        "Warm-up drills",
        "The exercise article advises 5 to 10 minutes of light cardio (such as walking) and dynamic "
        "stretching but names no stretches; the drills given (marching, leg swings holding a support, "
        "hip circles) are common, gentle examples. The plan warms up for 10 minutes when a session has "
        "45 minutes or more, else 5.",
    ),
    "warmup_seated": (
        "A seated warm-up with a fall risk",
        "With a risk of falling the plan leaves out standing on one leg, so its warm-up leaves out leg "
        "swings and marching while standing too: the same light cardio and dynamic stretching, done "
        "sitting in a chair or lying down.",
    ),
    "pain": (
        "The pain rule",
        "Neither document gives a rule for pain during exercise. The plans use the pain-monitoring "
        "model of Silbernagel and colleagues (2007): pain up to 5 out of 10 during exercise is "
        "acceptable if it has settled by the next morning. The study tested it in Achilles tendon pain; "
        "applying it to hip extension exercises is the guide's choice. Sharp or sudden pain still "
        "means stop.",
    ),
    "clinician": (
        "When to see a clinician, and how soon",
        "The list of warning signs and how urgent each is are the guide's, not the documents': common "
        "warning signs for exercise, sorted into an emergency, the same day, or an appointment.",
    ),
    "check_first": (
        "Check first, and train supervised",
        "The clinical overview says exercise with a heart or lung limitation or with unsafe movement "
        "control needs monitoring or supervision; the plan puts that advice at the very top, before "
        "any exercise.",
    ),
    "no_load": (
        "No load anywhere when load is ruled out",
        "When a condition rules out barbell and dumbbell loading, the plan leaves it out of every "
        "exercise, variation and option, and progresses with repetitions and slower lowering instead.",
    ),
    "early_stage": (
        "The early stage",
        "The clinical overview says clinicians start with isometrics, changed positions and a smaller "
        "range when the hip extensors cannot yet be trained directly, but gives no exercises. The guide "
        "adds a glute bridge hold and a sit-to-stand, and favours them after a hamstring strain and "
        "with hip osteoarthritis.",
    ),
    "extra_time": (
        "Time beyond the hip extension work",
        "When you have more time than 2 to 3 hip extension exercises need, the plan does not add more of "
        "them; it points the spare time to the other hip movements the exercise article advises and to "
        "the rest of the leg, as the clinical overview suggests.",
    ),
    "stretch": (
        "The hip flexor stretch",
        "The exercise article advises hip flexor stretches but does not describe one; the standing "
        "stretch given is a gentle, common choice that needs no kneeling.",
    ),
}


def progression_weeks(goal: str, beginner: bool, no_load: bool = False) -> list[dict[str, str]]:
    """Week-by-week rules for a goal, as {"weeks", "what"} items (the guide's choice "weeks").

    `no_load`: a condition rules out external load, so the rules never add weight.
    """
    first = (
        "Learn each movement. Do the planned sets at the low end of the repetitions, slowly, "
        "with the cues below. Stop each set when your form starts to slip."
    )
    if goal == "endurance":
        return [
            {"weeks": "1 to 2", "what": first + " Build up towards the target repetitions."},
            {"weeks": "3 to 4", "what": "Reach the target repetitions on every set with good form."},
            {
                "weeks": "5 onwards",
                "what": "Add a set, up to 3. Then shorten rests a little, to no less than 30 "
                "seconds, as long as your form holds.",
            },
        ]
    if goal == "power":
        return [
            {"weeks": "1 to 2", "what": first + " Keep every repetition slow and controlled for now."},
            {
                "weeks": "3 to 4",
                "what": "Start lifting fast on the way up where the plan says so, and keep "
                "lowering slowly. End the set as soon as the lift slows down.",
            },
            {
                "weeks": "5 onwards",
                "what": "Add load in small steps only while every lift stays fast and well "
                "controlled; keep the repetitions low.",
            },
        ]
    if beginner:
        sets_step = "Once every set reaches the top of the range, add a set, up to 3."
    elif no_load:
        sets_step = (
            "Once every set reaches the top of the range, lower more slowly (about 4 seconds) instead of adding weight."
        )
    else:
        sets_step = "Once every set reaches the top of the range, add a little load if you have it."
    return [
        {"weeks": "1 to 2", "what": first},
        {
            "weeks": "3 to 4",
            "what": "Add 1 or 2 repetitions per set when the last session felt controlled, up to the top of the range.",
        },
        {"weeks": "5 onwards", "what": sets_step + " Then move on to a harder exercise as shown below."},
    ]
