"""Every state change of the network, one module per workflow."""

from wiec.network.services.advice import ask_advice, close_advice, reply_advice
from wiec.network.services.assessment import answer_assessment
from wiec.network.services.events import (
    cancel_event,
    cancel_registration,
    change_event,
    create_event,
    register_for_event,
)
from wiec.network.services.members import join_network, withdraw_consent
from wiec.network.services.newsletter import (
    compose_issue,
    confirm_subscription,
    send_issue,
    subscribe,
    unsubscribe,
)
from wiec.network.services.practices import (
    change_practice,
    create_practice,
    publish_practice,
    return_practice,
    submit_practice,
)
from wiec.network.services.questionnaire import (
    change_area,
    change_theme,
    create_area,
    create_theme,
)
from wiec.network.services.ranking import publish_ranking, set_jury

__all__ = [
    "answer_assessment",
    "ask_advice",
    "cancel_event",
    "cancel_registration",
    "change_area",
    "change_event",
    "change_practice",
    "change_theme",
    "close_advice",
    "compose_issue",
    "confirm_subscription",
    "create_area",
    "create_event",
    "create_practice",
    "create_theme",
    "join_network",
    "publish_practice",
    "publish_ranking",
    "register_for_event",
    "reply_advice",
    "return_practice",
    "send_issue",
    "set_jury",
    "submit_practice",
    "subscribe",
    "unsubscribe",
    "withdraw_consent",
]
