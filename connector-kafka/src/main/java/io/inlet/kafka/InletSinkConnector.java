package io.inlet.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Inlet's Kafka Connect sink: OpenSearch envelopes (or plain JSON) from Kafka topics into OpenSearch,
 * version-guarded, with offsets committed only after OpenSearch acknowledged the writes.
 * {@link #validate} adds the cross-field checks to each field, so
 * {@code PUT /connector-plugins/io.inlet.kafka.InletSinkConnector/config/validate} reports them per setting.
 */
public class InletSinkConnector extends SinkConnector {

    static final String TASK_ID = "inlet.task.id";

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new InletSinkConfig(props); // refuse a bad config at once, with every problem listed
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return InletSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> c = new HashMap<>(props);
            c.put(TASK_ID, Integer.toString(i));
            configs.add(c);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return InletSinkConfig.configDef();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, List<String>> errors = InletSinkConfig.crossFieldErrors(connectorConfigs);
        for (ConfigValue v : config.configValues()) {
            List<String> mine = errors.get(v.name());
            if (mine != null) {
                mine.forEach(v::addErrorMessage);
            }
        }
        return config;
    }
}
