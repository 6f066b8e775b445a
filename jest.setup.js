// The machines run Node 20 on purpose (Lambda runs nodejs24.x); the SDK's reminder is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
