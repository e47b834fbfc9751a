"""The fixed wording of plans: warm-up, daily habits, cautions, progression rules, notes.

Every sentence is anchored on the two seed documents; where they are silent the text says
so (the `SILENT` notes). Pure data and small string helpers, standard library only.
"""

from __future__ import annotations

__all__ = [
    "DISCLAIMER",
    "GENERAL_CAUTIONS",
    "HABITS_SITTING",
    "MIXED_ROUTINE",
    "SEE_A_CLINICIAN",
    "SILENT",
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

WARMUP_NOTE_REFER = "No warm-up is planned, because no training is planned until a clinician has checked you."

HABITS_SITTING: tuple[str, ...] = (
    "Get up every 30 to 60 minutes for at least 5 minutes at a time (the article's advice for "
    "people who sit a lot or work from home).",
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
    "Stop an exercise if it causes sharp pain, and choose an easier one next time.",
)

MIXED_ROUTINE = (
    "These are hip extension exercises only. The article advises doing 2 to 3 of them as part of "
    "a lower body routine that also trains other movements, such as hip abduction, adduction "
    "and rotation."
)

SEE_A_CLINICIAN: tuple[str, ...] = (
    "You have sharp pain, or pain that gets worse during training or is still worse the next day.",
    "You notice new numbness, tingling or weakness in a leg, or your balance feels unsafe.",
    "You feel dizzy, short of breath beyond normal effort, or have chest pain: stop at once.",
    "You have had a recent injury, fall or operation involving your hip, pelvis, thigh or knee.",
)

DISCLAIMER = (
    "This plan is general information from a guide, not a diagnosis or treatment. It cannot "
    "examine you. If you have a health condition, or are unsure whether these exercises suit "
    "you, ask a clinician such as a physiotherapist or doctor first."
)

# Judgment calls where the seed documents are silent. Shown in every plan's `notes`.
SILENT: dict[str, str] = {
    "rest": "The article gives no rest times between sets; this plan uses cautious, common values.",
    "tempo": "The article gives no lifting speed beyond lowering gently and with control; the "
    "tempo given is a cautious choice.",
    "frequency": "The article gives no number of sessions per week; the plan follows the number "
    "you chose, alternating sessions where it can.",
    "beginner_sets": "Beginners start at the lower end of the article's sets and build up, in "
    "keeping with its advice to put form first.",
    "power": "The seed documents give no dosing for power work. This plan keeps the article's "
    "repetitions at the low end, moves fast only on the way up, and keeps the lowering slow: "
    "a conservative reading.",
    "move_on": "The article does not say when to move to a harder exercise; the plan uses "
    "'every set at the top of the range with good form, two sessions in a row', a cautious rule.",
    "stretch": "The article advises hip flexor stretches but does not describe one; the standing "
    "stretch given is a gentle, common choice that needs no kneeling.",
    "many_sessions": "Hard strength work for the same muscles on back-to-back days is usually "
    "avoided; the seeds are silent on this, so on a day that follows a training day keep the "
    "session light (fewer sets) or go for a walk instead.",
}


def progression_weeks(goal: str, beginner: bool) -> list[dict[str, str]]:
    """Week-by-week rules for a goal, as {"weeks", "what"} items."""
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
                "what": "Add a set, up to the article's 3. Then shorten rests a little, to no less "
                "than 30 seconds, as long as your form holds.",
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
    sets_step = (
        "Once every set reaches the top of the range, add a set, up to the article's 3."
        if beginner
        else "Once every set reaches the top of the range, add a little load if you have it."
    )
    return [
        {"weeks": "1 to 2", "what": first},
        {
            "weeks": "3 to 4",
            "what": "Add 1 or 2 repetitions per set when the last session felt controlled, up to the top of the range.",
        },
        {"weeks": "5 onwards", "what": sets_step + " Then move on to a harder exercise as shown below."},
    ]
