// The machines run Node 20 on purpose (Lambda runs nodejs24.x); the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Handlers write their JSON lines to stdout, which would bury jest's report; tests that read the
// lines inject their own logger (@order-platform/lambda/testing). FATAL is above every line written.
process.env.AWS_LAMBDA_LOG_LEVEL = 'FATAL';
