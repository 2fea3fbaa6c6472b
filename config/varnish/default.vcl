# Varnish in front of gunicorn: anonymous readers get cached answers; editors, members, API-token
# clients, the admin and previews always reach the site. Purges come from the site itself
# (Wagtail's frontend cache): by URL, and by tag through the xkey module (varnish-modules).
#
# Start: varnishd -a :80 -f /path/to/default.vcl -s malloc,256m
# Then set FRONTEND_CACHE_URL=http://127.0.0.1:80 for the site, and TRUSTED_PROXY_COUNT=1.
#
# Varnish also buffers request bodies (see vcl_recv): gunicorn's workers must never wait for a
# client, so nothing but Varnish (or another proxy that buffers bodies) may talk to gunicorn.
vcl 4.1;

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the site's own servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Every request body is read whole before the request goes on. A gunicorn worker reads a body
    # as slowly as the client sends it, and a handful of clients that promise a body and send it a
    # byte at a time (or never) would hold every worker. Varnish waits for them with a thread of
    # its own per client and drops one that sends nothing for `timeout_idle` (5 s by default);
    # gunicorn gets the body in one piece. The limit lies above the largest upload the site
    # accepts (documents, WAGTAILDOCS_MAX_UPLOAD_SIZE: 20 MB); a larger body is refused unread.
    # Bodies are kept in Varnish's Transient storage while the request lasts.
    if (req.http.Content-Length || req.http.Transfer-Encoding) {
        if (std.integer(req.http.Content-Length, 0) > 26214400) {
            return (synth(413, "Request body too large"));
        }
        if (!std.cache_req_body(25MB)) {
            return (synth(400, "Incomplete request body"));
        }
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never from the cache: the admin, documents (permission-checked), previews, the health check,
    # and anyone with a session (editors, members) or an API token.
    if (req.url ~ "^/(admin|documents|healthz)" || req.url ~ "^/api/v2/page_preview/"
        || req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        set req.http.X-Cache-Pass = "1";
        return (pass);
    }
    # An anonymous reader's other cookies change nothing the site answers.
    unset req.http.Cookie;
    # The site may answer pages with Edge Side Includes for the parts many pages share (the
    # "Termine" box, the latest statements, the footer): Varnish keeps the page and each part on its
    # own, so a changed box is fetched once and the pages around it stay.
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";
    return (hash);
}

sub vcl_hash {
    # http and https answers carry their own absolute links: one object per scheme, as in the site.
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # An answer that sets a cookie belongs to one visitor; one the site did not mark public (an
    # address with parameters no page reads, a host the site is not served on) is kept nowhere.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "ESI/1.0") {
        unset beresp.http.Surrogate-Control;
        set beresp.do_esi = true;
    }
}

sub vcl_deliver {
    if (req.http.X-Cache-Pass) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Tags are for purging; the software's name and version are nobody's business.
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Server;
}

sub vcl_synth {
    # Varnish's own answers (a refused body, a purge) name no software either.
    unset resp.http.Server;
    unset resp.http.X-Varnish;
    if (resp.status == 400 || resp.status == 413) {
        # The body was not read: the connection cannot carry another request.
        set resp.http.Connection = "close";
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
