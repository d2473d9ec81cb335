package io.nicsim.handler;

/** The version of this API, for a handler that wants to check it and for nicsim's summary.json. */
public final class HandlerApi {

    /** The semantic version of this API: MAJOR.MINOR.PATCH. */
    public static final String VERSION = "1.0.0";

    private HandlerApi() {
    }
}
