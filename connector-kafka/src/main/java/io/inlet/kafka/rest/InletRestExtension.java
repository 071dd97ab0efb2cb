package io.inlet.kafka.rest;

import io.inlet.common.redrive.Redrives;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * Adds Inlet's management API to a Connect worker. Enable it in the worker config:
 * {@code rest.extension.classes=io.inlet.kafka.rest.InletRestExtension}.
 */
public class InletRestExtension implements ConnectRestExtension {

    private final Map<String, Object> workerConfig = new HashMap<>();
    private WorkerConfigProviders providers = WorkerConfigProviders.none();
    private Redrives redrives;

    @Override
    public void configure(Map<String, ?> configs) {
        workerConfig.putAll(configs);
        providers = WorkerConfigProviders.of(configs);
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        redrives = new Redrives("connect-worker " + workerConfig.getOrDefault("listeners", "") + " pid "
                + ProcessHandle.current().pid());
        context.configurable().register(new InletStateResource(context.clusterState(), workerConfig, providers, redrives));
    }

    @Override
    public String version() {
        String v = InletRestExtension.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void close() {
        providers.close();
        if (redrives != null) {
            redrives.close();
        }
    }
}
