package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of GitHub's and GitLab's REST APIs the comment scripts use, in memory, on 127.0.0.1 only: pull request
 * head, issue comments (list, create, edit), merge request notes (list, create, edit) and the token's user. Faults
 * can be planned per method: a status (422, 502) or a delay longer than the scripts' timeout. Every request is
 * recorded, so a test sees what a script really sent.
 */
final class MockForge implements AutoCloseable {

    /** One request as the server received it. */
    record Request(String method, String path, String body) {
        String text() {
            try {
                return JSON.readTree(body).path("body").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private record Fault(int status, int delayMillis) {
    }

    static final String BOT = "github-actions[bot]";
    static final int GITLAB_BOT_ID = 7;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GH_PULL = Pattern.compile("/repos/[^/]+/[^/]+/pulls/(\\d+)");
    private static final Pattern GH_COMMENTS = Pattern.compile("/repos/[^/]+/[^/]+/issues/(\\d+)/comments");
    private static final Pattern GH_COMMENT = Pattern.compile("/repos/[^/]+/[^/]+/issues/comments/(\\d+)");
    private static final Pattern GL_NOTES = Pattern.compile("/api/v4/projects/[^/]+/merge_requests/(\\d+)/notes");
    private static final Pattern GL_NOTE = Pattern.compile("/api/v4/projects/[^/]+/merge_requests/(\\d+)/notes/(\\d+)");

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<ObjectNode> comments = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Fault>> faults = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private volatile String headSha = "";

    MockForge() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    MockForge headSha(String sha) {
        this.headSha = sha;
        return this;
    }

    /** A comment (GitHub) or note (GitLab) already on the pull request. */
    MockForge existing(String login, int gitlabAuthorId, String body) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", ids.incrementAndGet());
        c.put("body", body);
        c.put("system", false);
        c.put("html_url", "https://forge.example/pr/1#comment-" + c.get("id").asInt());
        c.putObject("user").put("login", login).put("type", login.endsWith("[bot]") ? "Bot" : "User");
        c.putObject("author").put("id", gitlabAuthorId);
        comments.add(c);
        return this;
    }

    /** The next {@code times} requests of {@code method} get {@code status} instead of an answer. */
    MockForge fail(String method, int times, int status) {
        for (int i = 0; i < times; i++) {
            faults.computeIfAbsent(method, m -> Collections.synchronizedList(new ArrayList<>())).add(new Fault(status, 0));
        }
        return this;
    }

    /** The next {@code times} requests of {@code method} are answered only after {@code millis}. */
    MockForge delay(String method, int times, int millis) {
        for (int i = 0; i < times; i++) {
            faults.computeIfAbsent(method, m -> Collections.synchronizedList(new ArrayList<>())).add(new Fault(0, millis));
        }
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> writes() {
        return requests().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    /** The comments now on the pull request, in order. */
    List<String> bodies() {
        synchronized (comments) {
            return comments.stream().map(c -> c.get("body").asText()).toList();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, exchange.getRequestURI().toString(), body));
        List<Fault> planned = faults.get(method);
        Fault fault = planned == null || planned.isEmpty() ? null : planned.remove(0);
        if (fault != null && fault.delayMillis() > 0) {
            try {
                Thread.sleep(fault.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault != null && fault.status() > 0) {
            reply(exchange, fault.status(), "{\"message\":\"planned failure " + fault.status() + "\"}");
            return;
        }
        int page = query(exchange, "page");
        Matcher m;
        if (method.equals("GET") && (m = GH_PULL.matcher(path)).matches()) {
            reply(exchange, 200, "{\"number\":" + m.group(1) + ",\"head\":{\"sha\":\"" + headSha + "\"}}");
        } else if (method.equals("GET") && (GH_COMMENTS.matcher(path).matches() || GL_NOTES.matcher(path).matches())) {
            ArrayNode list = JSON.createArrayNode();
            synchronized (comments) {
                comments.stream().skip((page - 1) * 100L).limit(100).forEach(list::add);
            }
            reply(exchange, 200, list.toString());
        } else if (method.equals("GET") && path.equals("/api/v4/user")) {
            reply(exchange, 200, "{\"id\":" + GITLAB_BOT_ID + ",\"username\":\"review-bot\"}");
        } else if (method.equals("POST") && (GH_COMMENTS.matcher(path).matches() || GL_NOTES.matcher(path).matches())) {
            if (JSON.readTree(body).path("body").asText().length() > 65536) {
                reply(exchange, 422, "{\"message\":\"Validation Failed\",\"errors\":[{\"field\":\"body\",\"message\":\"body is too long (maximum is 65536 characters)\"}]}");
                return;
            }
            existing(path.startsWith("/api/v4") ? "review-bot" : BOT, GITLAB_BOT_ID, JSON.readTree(body).path("body").asText());
            reply(exchange, 201, comments.get(comments.size() - 1).toString());
        } else if ((method.equals("PATCH") && (m = GH_COMMENT.matcher(path)).matches()) || (method.equals("PUT") && (m = GL_NOTE.matcher(path)).matches())) {
            int id = Integer.parseInt(m.group(m.groupCount()));
            ObjectNode target;
            synchronized (comments) {
                target = comments.stream().filter(c -> c.get("id").asInt() == id).findFirst().orElse(null);
            }
            if (target == null) {
                reply(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            JsonNode text = JSON.readTree(body).path("body");
            if (text.asText().length() > 65536) {
                reply(exchange, 422, "{\"message\":\"Validation Failed\",\"errors\":[{\"field\":\"body\",\"code\":\"custom\",\"message\":\"body is too long (maximum is 65536 characters)\"}]}");
                return;
            }
            target.put("body", text.asText());
            reply(exchange, 200, target.toString());
        } else {
            reply(exchange, 404, "{\"message\":\"Not Found: " + method + " " + path + "\"}");
        }
    }

    private static int query(HttpExchange exchange, String name) {
        String q = exchange.getRequestURI().getQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return Integer.parseInt(pair.substring(name.length() + 1));
                }
            }
        }
        return 1;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // the script timed out and closed the connection: what the delay was for
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
