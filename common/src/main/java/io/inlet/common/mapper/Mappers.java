package io.inlet.common.mapper;

import java.util.Objects;

/** Creates the {@link MessageMapper} for a {@code mapper_type}. */
public final class Mappers {

    private Mappers() {
    }

    /** A mapper of {@code type} using {@code settings} (see {@link MapperSettings#defaults()}). */
    public static MessageMapper create(MapperType type, MapperSettings settings) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
        return switch (type) {
            case DEFAULT -> new DefaultMapper(settings);
            case FIELD_MAPPING -> new FieldMappingMapper(settings);
            case RAW_PAYLOAD -> new RawPayloadMapper(settings);
        };
    }
}
