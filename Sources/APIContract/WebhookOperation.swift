/// Every operation of the webhook management family (`webhooks.management` in `app.json`),
/// served under the declared path by the `Webhooks` module. The raw value is the `operationId`.
public enum WebhookOperation: String, ContractOperation {
    case listSubscriptions = "listWebhookSubscriptions"
    case createSubscription = "createWebhookSubscription"
    case getSubscription = "getWebhookSubscription"
    case updateSubscription = "updateWebhookSubscription"
    case deleteSubscription = "deleteWebhookSubscription"
    case rotateSecret = "rotateWebhookSecret"
    case sendTest = "sendWebhookTest"
    case listMessages = "listWebhookMessages"
    case listAttempts = "listWebhookAttempts"
    case replayMessage = "replayWebhookMessage"
    case replayFailed = "replayFailedWebhookMessages"
}
