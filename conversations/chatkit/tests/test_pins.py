"""openai-chatkit imports two private names of openai-agents: the pinned pair must agree."""

import agents.models.chatcmpl_helpers
import agents.models.openai_responses


def test_the_private_agents_sdk_names_chatkit_imports_exist():
    import chatkit.server

    assert chatkit.server.chat_completions_headers_override is (
        agents.models.chatcmpl_helpers.HEADERS_OVERRIDE
    )
    assert chatkit.server.responses_headers_override is (
        agents.models.openai_responses._HEADERS_OVERRIDE
    )
