package io.inlet.kafka.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.common.client.OpenSearchClients;
import io.inlet.common.ingest.IngestionFactory;
import io.inlet.common.message.Pointer;
import io.inlet.common.pointer.PartitionReset;
import io.inlet.common.redrive.RedriveConflictException;
import io.inlet.common.redrive.RedrivePipeline;
import io.inlet.common.redrive.RedriveSelection;
import io.inlet.common.redrive.Redrives;
import io.inlet.kafka.InletSinkConfig;
import io.inlet.kafka.StateStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.opensearch.client.RestHighLevelClient;

/**
 * Inlet's management API on every Connect worker, with OpenSearch pull-based ingestion's verbs:
 * {@code GET /inlet/connectors/{name}/state}, {@code POST /inlet/connectors/{name}/_pause} and
 * {@code POST /inlet/connectors/{name}/_resume} (optionally with {@code reset_settings}, which stops
 * the connector, rewrites its offsets through Connect's offsets API, and resumes it), and
 * {@code POST /inlet/connectors/{name}/dead-letters/_redrive} (a {@link RedriveSelection} body, optional;
 * {@code ?wait_for_completion=true} answers when it is over), whose progress the state shows under {@code redrive}.
 */
@Path("/inlet/connectors/{name}")
@Produces(MediaType.APPLICATION_JSON)
public class InletStateResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_CHARS = 1 << 20;

    private final ConnectClusterState cluster;
    private final Map<String, ?> workerConfig;
    private final WorkerConfigProviders providers;
    private final Redrives redrives;

    /**
     * {@code providers}: the worker's config providers, to read a connector's config as its tasks see it;
     * {@code redrives}: where this worker runs dead-letter re-drives.
     */
    public InletStateResource(ConnectClusterState cluster, Map<String, ?> workerConfig, WorkerConfigProviders providers,
                              Redrives redrives) {
        this.cluster = cluster;
        this.workerConfig = workerConfig;
        this.providers = providers;
        this.redrives = redrives;
    }

    /**
     * This worker's REST API, at the address the request came to (the configured listener may be port 0), with the
     * request's credentials.
     */
    private static WorkerRest rest(UriInfo uri, String authorization) {
        String base = uri.getBaseUri().toString();
        return new WorkerRest(base.endsWith("/") ? base.substring(0, base.length() - 1) : base, authorization);
    }

    @GET
    @Path("/state")
    public Response state(@PathParam("name") String name) {
        Map<String, String> config = connectorConfig(name);
        if (config == null) {
            return error(404, "Connector " + name + " not found");
        }
        // Connect hands extensions the config as stored: ${provider:path:key} placeholders, not the secrets
        Map<String, String> resolved;
        try {
            resolved = providers.resolve(config);
        } catch (RuntimeException e) {
            return error(503, "Couldn't resolve the config providers' placeholders in the config of " + name
                    + " on this worker (check its config.providers settings): " + e.getMessage());
        }
        InletSinkConfig c = new InletSinkConfig(resolved);
        if (c.stateIndex() == null) {
            return error(400, "Connector " + name + " has state.index empty, so its tasks publish no state: set state.index");
        }
        try (RestHighLevelClient client = OpenSearchClients.create(IngestionFactory.connection(c))) {
            ObjectNode out = new StateStore(client.getLowLevelClient(), c.stateIndex()).read(name);
            if (c.dlqIndex() != null) {
                out.set("redrive", Redrives.state(name, client.getLowLevelClient(), c.redriveIndex()));
            }
            try {
                ConnectorHealth h = cluster.connectorHealth(name);
                out.put("connector_state", h.connectorState().state());
                ObjectNode tasks = out.putObject("tasks");
                h.tasksState().forEach((id, t) -> tasks.put(Integer.toString(id), t.state()));
            } catch (RuntimeException ignored) {
                // health is a bonus; the partitions are the state
            }
            return Response.ok(out.toString()).build();
        } catch (IOException | IllegalArgumentException e) {
            return error(503, "Couldn't read the state of " + name + " from OpenSearch index " + c.stateIndex() + ": " + e.getMessage());
        }
    }

    @POST
    @Path("/dead-letters/_redrive")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response redrive(@PathParam("name") String name, String body,
                            @QueryParam("wait_for_completion") boolean wait) throws InterruptedException {
        Map<String, String> config = connectorConfig(name);
        if (config == null) {
            return error(404, "Connector " + name + " not found");
        }
        InletSinkConfig c;
        RedriveSelection selection;
        try {
            c = new InletSinkConfig(providers.resolve(config));
            JsonNode json = readJson(body);
            selection = json == null ? null : RedriveSelection.parse(json);
        } catch (RuntimeException e) {
            return error(400, e.getMessage());
        }
        RedrivePipeline pipeline = new RedrivePipeline(name, c, c.sourceRules(), Pointer.Kind.KAFKA_OFFSET, topics(config));
        RestHighLevelClient client = OpenSearchClients.create(IngestionFactory.connection(c));
        boolean started = false;
        try {
            ObjectNode progress = redrives.start(pipeline, client.getLowLevelClient(), selection, () -> close(client), wait);
            started = true;
            return Response.status(wait ? 200 : 202).entity(
                    JSON.createObjectNode().put("acknowledged", true).set("redrive", progress).toString()).build();
        } catch (RedriveConflictException e) {
            return error(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (IOException e) {
            return error(503, "Couldn't re-drive the dead letters of " + name + ": " + e.getMessage());
        } finally {
            if (!started) {
                close(client);
            }
        }
    }

    private static void close(RestHighLevelClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing more to do with it
        }
    }

    @POST
    @Path("/_pause")
    public Response pause(@PathParam("name") String name, @Context UriInfo uri,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) throws IOException {
        WorkerRest rest = rest(uri, authorization);
        if (connectorConfig(name) == null) {
            return error(404, "Connector " + name + " not found");
        }
        WorkerRest.Reply r = rest.send("PUT", "/connectors/" + name + "/pause", null);
        return r.ok() ? acknowledged() : error(r.status(), r.body());
    }

    @POST
    @Path("/_resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resume(@PathParam("name") String name, String body, @Context UriInfo uri,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws IOException, InterruptedException {
        WorkerRest rest = rest(uri, authorization);
        Map<String, String> config = connectorConfig(name);
        if (config == null) {
            return error(404, "Connector " + name + " not found");
        }
        Map<TopicPartition, Long> offsets;
        try {
            List<PartitionReset> resets = PartitionReset.parseBody(readJson(body), Pointer.Kind.KAFKA_OFFSET);
            if (resets.isEmpty()) {
                WorkerRest.Reply r = rest.send("PUT", "/connectors/" + name + "/resume", null);
                return r.ok() ? acknowledged() : error(r.status(), r.body());
            }
            offsets = ResetPlan.resolve(resets, topics(config), clientProps());
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        }
        WorkerRest.Reply stop = rest.send("PUT", "/connectors/" + name + "/stop", null);
        if (!stop.ok()) {
            return error(stop.status(), "stopping " + name + " failed: " + stop.body());
        }
        awaitStopped(rest, name);
        WorkerRest.Reply patch = rest.send("PATCH", "/connectors/" + name + "/offsets", ResetPlan.patchBody(offsets));
        if (!patch.ok()) {
            rest.send("PUT", "/connectors/" + name + "/resume", null);
            return error(patch.status(), "rewriting the offsets of " + name + " failed: " + patch.body());
        }
        WorkerRest.Reply resume = rest.send("PUT", "/connectors/" + name + "/resume", null);
        if (!resume.ok()) {
            return error(resume.status(), resume.body());
        }
        ObjectNode out = JSON.createObjectNode().put("acknowledged", true);
        ObjectNode set = out.putObject("offsets");
        offsets.forEach((tp, o) -> set.put(tp.toString(), o));
        return Response.ok(out.toString()).build();
    }

    private static void awaitStopped(WorkerRest rest, String name) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            WorkerRest.Reply s = rest.send("GET", "/connectors/" + name + "/status", null);
            if (s.ok() && "STOPPED".equals(JSON.readTree(s.body()).path("connector").path("state").asText())
                    && JSON.readTree(s.body()).path("tasks").isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IOException("connector " + name + " did not stop within 60 s");
    }

    private Map<String, String> connectorConfig(String name) {
        try {
            return cluster.connectorConfig(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> topics(Map<String, String> config) {
        String t = config.getOrDefault("topics", "");
        return Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Consumer settings for offset look-ups: the worker's own connection settings. */
    private Map<String, Object> clientProps() {
        Map<String, Object> p = new HashMap<>();
        workerConfig.forEach((k, v) -> {
            if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                p.put(k, v);
            }
        });
        return p;
    }

    /** The request body as JSON, or null when it is empty. */
    private static JsonNode readJson(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("the request body is larger than " + MAX_BODY_CHARS + " characters: a"
                    + " reset_settings list has one short entry per partition");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Response acknowledged() {
        return Response.ok("{\"acknowledged\":true}").build();
    }

    private static Response error(int status, String message) {
        ObjectNode e = JSON.createObjectNode().put("error", message);
        return Response.status(status).entity(e.toString()).type(MediaType.APPLICATION_JSON).build();
    }
}
