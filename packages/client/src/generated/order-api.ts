// Generated from docs/openapi.json by openapi-typescript: do not edit.
// Regenerate with `npm run openapi && npm run generate -w @order-platform/client`.
export interface paths {
    "/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's orders, newest first */
        get: operations["listOrders"];
        put?: never;
        /** Place an order */
        post: operations["createOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the caller’s orders */
        get: operations["getOrder"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{orderId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel one of the caller’s orders before it is handed to the carrier (a token with the ops scope may cancel any order) */
        post: operations["cancelOrder"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Products and prices */
        get: operations["getCatalog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/orders/{orderId}/execution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order's workflow execution and its history (ops) */
        get: operations["getOrderExecution"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ops/executions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workflow's executions, newest first (ops) */
        get: operations["listExecutions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Address: {
            /** @description At least one visible character; no control characters, line breaks or bidirectional controls. */
            name: string;
            /** @description At least one visible character; no control characters, line breaks or bidirectional controls. */
            line1: string;
            /** @description At least one visible character; no control characters, line breaks or bidirectional controls. */
            line2?: string;
            /** @description At least one visible character; no control characters, line breaks or bidirectional controls. */
            city: string;
            /** @description At least one visible character; no control characters, line breaks or bidirectional controls. */
            postalCode: string;
            /**
             * @description ISO 3166-1 alpha-2 country code
             * @example DE
             * @enum {string}
             */
            country: "AD" | "AE" | "AF" | "AG" | "AI" | "AL" | "AM" | "AO" | "AQ" | "AR" | "AS" | "AT" | "AU" | "AW" | "AX" | "AZ" | "BA" | "BB" | "BD" | "BE" | "BF" | "BG" | "BH" | "BI" | "BJ" | "BL" | "BM" | "BN" | "BO" | "BQ" | "BR" | "BS" | "BT" | "BV" | "BW" | "BY" | "BZ" | "CA" | "CC" | "CD" | "CF" | "CG" | "CH" | "CI" | "CK" | "CL" | "CM" | "CN" | "CO" | "CR" | "CU" | "CV" | "CW" | "CX" | "CY" | "CZ" | "DE" | "DJ" | "DK" | "DM" | "DO" | "DZ" | "EC" | "EE" | "EG" | "EH" | "ER" | "ES" | "ET" | "FI" | "FJ" | "FK" | "FM" | "FO" | "FR" | "GA" | "GB" | "GD" | "GE" | "GF" | "GG" | "GH" | "GI" | "GL" | "GM" | "GN" | "GP" | "GQ" | "GR" | "GS" | "GT" | "GU" | "GW" | "GY" | "HK" | "HM" | "HN" | "HR" | "HT" | "HU" | "ID" | "IE" | "IL" | "IM" | "IN" | "IO" | "IQ" | "IR" | "IS" | "IT" | "JE" | "JM" | "JO" | "JP" | "KE" | "KG" | "KH" | "KI" | "KM" | "KN" | "KP" | "KR" | "KW" | "KY" | "KZ" | "LA" | "LB" | "LC" | "LI" | "LK" | "LR" | "LS" | "LT" | "LU" | "LV" | "LY" | "MA" | "MC" | "MD" | "ME" | "MF" | "MG" | "MH" | "MK" | "ML" | "MM" | "MN" | "MO" | "MP" | "MQ" | "MR" | "MS" | "MT" | "MU" | "MV" | "MW" | "MX" | "MY" | "MZ" | "NA" | "NC" | "NE" | "NF" | "NG" | "NI" | "NL" | "NO" | "NP" | "NR" | "NU" | "NZ" | "OM" | "PA" | "PE" | "PF" | "PG" | "PH" | "PK" | "PL" | "PM" | "PN" | "PR" | "PS" | "PT" | "PW" | "PY" | "QA" | "RE" | "RO" | "RS" | "RU" | "RW" | "SA" | "SB" | "SC" | "SD" | "SE" | "SG" | "SH" | "SI" | "SJ" | "SK" | "SL" | "SM" | "SN" | "SO" | "SR" | "SS" | "ST" | "SV" | "SX" | "SY" | "SZ" | "TC" | "TD" | "TF" | "TG" | "TH" | "TJ" | "TK" | "TL" | "TM" | "TN" | "TO" | "TR" | "TT" | "TV" | "TW" | "TZ" | "UA" | "UG" | "UM" | "US" | "UY" | "UZ" | "VA" | "VC" | "VE" | "VG" | "VI" | "VN" | "VU" | "WF" | "WS" | "YE" | "YT" | "ZA" | "ZM" | "ZW";
        };
        Catalog: {
            products: {
                /** @example KB-001 */
                sku: string;
                name: string;
                unitPrices: {
                    [key: string]: number;
                };
                stock: number;
            }[];
        };
        CreateOrderRequest: {
            items: {
                /** @example KB-001 */
                sku: string;
                quantity: number;
            }[];
            /**
             * @description ISO 4217 code. Supported: EUR, USD, GBP.
             * @example EUR
             */
            currency: string;
            /** @enum {string} */
            shippingMethod: "STANDARD" | "EXPRESS";
            shippingAddress: components["schemas"]["Address"];
            payment: {
                /**
                 * @description Payment-provider token
                 * @example tok_visa
                 */
                token: string;
            };
        };
        ExecutionPage: {
            executions: components["schemas"]["ExecutionSummary"][];
            /** @description Pass back as `nextToken` */
            nextToken?: string;
        };
        /** @description An order's workflow execution: every state it ran, each failed attempt, the compensation */
        ExecutionReport: {
            orderId: string;
            executionArn: string;
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            stoppedAt?: string;
            durationMs?: number;
            states: {
                name: string;
                /** @enum {string} */
                type: "Task" | "Choice" | "Pass" | "Parallel" | "Map" | "Wait" | "Succeed" | "Fail";
                parallel?: string;
                /** Format: date-time */
                enteredAt: string;
                /** Format: date-time */
                exitedAt?: string;
                durationMs?: number;
                attempts: number;
                failedAttempts: {
                    error: string;
                    cause?: string;
                }[];
                /** @enum {string} */
                outcome: "succeeded" | "failed" | "running" | "stopped";
                error?: {
                    error: string;
                    cause?: string;
                };
                /** @enum {string} */
                phase: "forward" | "compensation";
                result?: string;
            }[];
            failedState?: {
                name: string;
                error: string;
                cause?: string;
            };
            /** @description The first failure was the order’s cancellation (OrderCancellationRequested): the step that noticed it, and whether the order was marked CANCELLED */
            cancellation?: {
                noticedBy: string;
                completed: boolean;
            };
            compensation: string[];
            retries: number;
            executionError?: {
                error: string;
                cause?: string;
            };
        };
        ExecutionSummary: {
            orderId: string;
            executionArn: string;
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            stoppedAt?: string;
            durationMs?: number;
        };
        Money: {
            /**
             * @description Integer minor units (cents)
             * @example 8900
             */
            amount: number;
            /** @enum {string} */
            currency: "EUR" | "USD" | "GBP";
        };
        Order: {
            orderId: string;
            customerId: string;
            /** @enum {string} */
            status: "PENDING" | "PAYMENT_CONFIRMED" | "PROCURED" | "DISPATCHED" | "FAILED" | "CANCELLED";
            items: {
                /** @example KB-001 */
                sku: string;
                name: string;
                quantity: number;
                unitPrice: components["schemas"]["Money"];
            }[];
            total: components["schemas"]["Money"];
            /** @enum {string} */
            shippingMethod: "STANDARD" | "EXPRESS";
            shippingAddress: components["schemas"]["Address"];
            payment: {
                /**
                 * @description Where the money is: AUTHORIZED (held when the order was placed), CAPTURED (taken once the parcel was booked), VOIDED (the hold released, nothing taken), REFUNDED (taken, then given back), DECLINED (the hold was refused), FAILED (nothing was ever held)
                 * @enum {string}
                 */
                status: "PENDING" | "AUTHORIZED" | "CAPTURED" | "VOIDED" | "REFUNDED" | "DECLINED" | "FAILED";
                /** @description The payment provider's reference for the hold placed on the customer's payment method */
                authorizationId?: string;
                /** @description The payment provider's reference for the capture: the money taken once the parcel was booked */
                captureId?: string;
            };
            /** @example INV-2026-4F2A9C1B7D */
            invoiceNumber?: string;
            shipment?: {
                carrier: string;
                serviceLevel: string;
                trackingNumber: string;
            };
            failure?: {
                step: string;
                error: string;
                cause: string;
            };
            /** @description Asked for by POST /orders/{orderId}/cancel; the order ends CANCELLED once its workflow has undone it */
            cancellation?: {
                /**
                 * Format: date-time
                 * @example 2026-11-21T10:15:30.123Z
                 */
                requestedAt: string;
                /** @enum {string} */
                requestedBy: "customer" | "ops";
            };
            timeline: {
                /** @enum {string} */
                status: "PENDING" | "PAYMENT_CONFIRMED" | "PROCURED" | "DISPATCHED" | "FAILED" | "CANCELLED";
                /**
                 * Format: date-time
                 * @example 2026-11-21T10:15:30.123Z
                 */
                at: string;
            }[];
            /**
             * Format: date-time
             * @example 2026-11-21T10:15:30.123Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-21T10:15:30.123Z
             */
            updatedAt: string;
        };
        OrderPage: {
            orders: components["schemas"]["Order"][];
            /** @description Opaque; pass as `cursor` for the next page */
            nextCursor?: string;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listOrders: {
        parameters: {
            query?: {
                /** @description Orders per page */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of orders. Answers carry `Cache-Control: no-store`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            /** @description Bad limit or cursor */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or foreign bearer token. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
        };
    };
    createOrder: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body return the same order; another body is a 409. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrderRequest"];
            };
        };
        responses: {
            /** @description Accepted: the order is PENDING and its workflow has started */
            202: {
                headers: {
                    /** @description /orders/{orderId} */
                    Location?: string;
                    /** @description A retry with the same key */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Malformed JSON or a body that is not UTF-8; wrong types, missing or unknown fields; free text without a visible character or with control characters, line breaks or bidirectional controls (see `errors`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or foreign bearer token. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description The Idempotency-Key was used with another body */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body over 32 KiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No Content-Type, a Content-Type other than application/json, or a charset other than UTF-8; or a Content-Encoding (gzip, br, …): send the body uncompressed. Only the Content-Encoding refusal carries Accept-Encoding */
            415: {
                headers: {
                    /** @description The content codings a request may use: `identity` (none) */
                    "Accept-Encoding"?: "identity";
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown SKU or unsupported currency */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The workflow could not be started; see Retry-After. A keyed order is kept (retry with the same key); a keyless one was not placed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order id the 202 answered */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The order. Answers carry `Cache-Control: no-store`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description Missing, expired or foreign bearer token. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description No such order for this customer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelOrder: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order id the 202 answered (a UUID) */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: the order with its `cancellation` request, its status as recorded. Its workflow notices the request at its next step, releases the stock, voids the invoice, releases the payment and ends the order `CANCELLED`. Asking again answers the same. Answers carry `Cache-Control: no-store`. */
            202: {
                headers: {
                    /** @description /orders/{orderId} */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            /** @description The id is not an order id (a UUID) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or foreign bearer token. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description No such order for this customer */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too late: the order is being handed to the carrier, was dispatched, or failed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalog */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Catalog"];
                };
            };
        };
    };
    getOrderExecution: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The order, named as its execution is */
                orderId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The execution's report. Answers carry `Cache-Control: no-store`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionReport"];
                };
            };
            /** @description Missing, expired or foreign bearer token. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description The token lacks the `order-platform/ops` scope. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description The order has no execution */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listExecutions: {
        parameters: {
            query?: {
                status?: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
                /** @description A window (`15m`, `2h`, `7d`) or an ISO instant */
                since?: string;
                limit?: number;
                /** @description `nextToken` of the previous page */
                nextToken?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of executions. Answers carry `Cache-Control: no-store`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutionPage"];
                };
            };
            /** @description A bad status, window, limit or token */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or foreign bearer token. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
            /** @description The token lacks the `order-platform/ops` scope. API Gateway answers before the API's code runs: `{"message": …}`, not problem+json. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
        };
    };
}
