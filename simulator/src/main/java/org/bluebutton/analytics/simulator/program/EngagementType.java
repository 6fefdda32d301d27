package org.bluebutton.analytics.simulator.program;

/** Pledge actions an organization reports as engagement activities (the API's symbols). */
public enum EngagementType {
    EMPLOYEE_DIALOGUE, CEO_MESSAGE, SOCIAL_MEDIA_CAMPAIGN, EVENT, PUBLIC_DISCUSSION, ASKED_HEALTH_PLAN,
    TOOL_RELEASED, INNOVATION
}
