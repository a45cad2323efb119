package dev.nhiguard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The OCSF schema built from the repository's own files (test resources {@code ocsf-1.3.0/}, copied unmodified from
 * ocsf/ocsf-schema) the way its compiler (ocsf-schema-compiler) builds it: {@code $include}s first (profile attributes
 * tagged with their profile), then {@code extends} (the child's attribute details merged over the parent's), a class's
 * uid scoped by its category and its {@code class_uid}, {@code category_uid} and {@code type_uid} enums set, the
 * {@code _dt} siblings of the datetime profile, and last each attribute's dictionary entry under its own details. Only
 * the classes and objects a record reaches are built, so only their files need to be there.
 */
final class OcsfSchema {

    /** One attribute of a built class or object. */
    record Attribute(String name, String type, String objectType, boolean array, String requirement,
                     Map<String, String> captions, String sibling, List<String> profiles) {

        boolean required() {
            return "required".equals(requirement);
        }
    }

    /** A built class (uid set) or object (uid 0). An object without attributes (OCSF's {@code object}) takes anything. */
    record Item(String name, String caption, int uid, Map<String, Attribute> attributes, JsonNode constraints) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATETIME = "datetime";

    private final Path root;
    private final ObjectNode dictionary;
    private final ObjectNode types;
    private final ObjectNode categories;
    private final Map<String, String> classFiles = new HashMap<>();
    private final Map<String, ObjectNode> flatClasses = new HashMap<>();
    private final Map<String, ObjectNode> flatObjects = new HashMap<>();
    private final Map<Integer, Item> classes = new HashMap<>();
    private final Map<String, Item> objects = new HashMap<>();
    final String version;

    private OcsfSchema(Path root) {
        this.root = root;
        this.version = read("version.json").path("version").asText();
        this.categories = (ObjectNode) read("categories.json").path("attributes");
        ObjectNode dictionaryFile = read("dictionary.json");
        this.dictionary = (ObjectNode) dictionaryFile.path("attributes");
        this.types = (ObjectNode) dictionaryFile.path("types").path("attributes");
        if (hasProfile(DATETIME) && types.has("datetime_t")) {
            addDatetimeSiblings();
        }
        try (Stream<Path> files = Files.walk(root.resolve("events"))) {
            files.filter(f -> f.toString().endsWith(".json")).forEach(f -> {
                String relative = root.relativize(f).toString().replace('\\', '/');
                classFiles.put(read(relative).path("name").asText(), relative);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema whose files are on the test class path under {@code folder}. */
    static OcsfSchema load(String folder) {
        URL version = OcsfSchema.class.getClassLoader().getResource(folder + "/version.json");
        if (version == null) {
            throw new IllegalStateException("no " + folder + "/version.json on the class path");
        }
        try {
            URI uri = version.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException first) {
                    FileSystems.newFileSystem(uri, Map.of());
                }
            }
            return new OcsfSchema(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class whose (category-scoped) uid this is, or null. */
    Item eventClass(int uid) {
        if (!classes.containsKey(uid)) {
            for (String name : classFiles.keySet()) {
                ObjectNode flat = flatClass(name);
                boolean hidden = !flat.has("uid") && !"base_event".equals(name); // the compiler's rule: abstract, like iam
                if (!hidden && categoryUid(flat) * 1000 + flat.path("uid").asInt() == uid) {
                    classes.put(uid, finish(enriched(flat, uid)));
                    break;
                }
            }
            classes.putIfAbsent(uid, null);
        }
        return classes.get(uid);
    }

    Item object(String name) {
        return objects.computeIfAbsent(name, n -> finish(flatObject(n)));
    }

    boolean hasProfile(String name) {
        return Files.isRegularFile(root.resolve("profiles/" + name + ".json"));
    }

    /** A dictionary type's own detail (regex, max_len, range, values, and {@code type} for a subtype). */
    JsonNode type(String name) {
        return types.path(name);
    }

    // ---- the compiler's steps

    private ObjectNode flatClass(String name) {
        ObjectNode flat = flatClasses.get(name);
        if (flat == null) {
            String file = classFiles.get(name);
            if (file == null) {
                throw new IllegalStateException("class " + name + " is not among the schema files");
            }
            flat = extended(item(file), this::flatClass);
            flatClasses.put(name, flat);
        }
        return flat;
    }

    private ObjectNode flatObject(String name) {
        ObjectNode flat = flatObjects.get(name);
        if (flat == null) {
            flat = extended(item("objects/" + name + ".json"), this::flatObject);
            flatObjects.put(name, flat);
        }
        return flat;
    }

    /** A class or object file with its attribute {@code profile}s made lists and its {@code $include}s merged. */
    private ObjectNode item(String file) {
        ObjectNode item = read(file).deepCopy();
        ObjectNode attributes = item.withObjectProperty("attributes");
        attributes.properties().forEach(a -> {
            if (a.getValue() instanceof ObjectNode detail && detail.has("profile")) {
                JsonNode profile = detail.remove("profile");
                detail.set("profiles", profile.isNull() ? profile : JSON.createArrayNode().add(profile.asText()));
            }
        });
        JsonNode includes = attributes.remove("$include");
        if (includes != null) {
            for (JsonNode include : includes.isArray() ? includes : JSON.createArrayNode().add(includes)) {
                ObjectNode included = read(include.asText());
                ObjectNode merged = ((ObjectNode) included.path("attributes")).deepCopy();
                JsonNode annotations = included.path("annotations");
                merged.properties().forEach(a -> {
                    ObjectNode detail = (ObjectNode) a.getValue();
                    if ("profile".equals(included.path("meta").asText())) {
                        detail.set("profiles", JSON.createArrayNode().add(included.path("name").asText()));
                    }
                    annotations.properties().forEach(n -> detail.putIfAbsent(n.getKey(), n.getValue()));
                });
                mergeAttributes(merged, (ObjectNode) item.path("attributes"));
                item.set("attributes", merged);
            }
        }
        ObjectNode resolved = item.withObjectProperty("attributes");
        resolved.properties().forEach(a -> {
            if (a.getValue() instanceof ObjectNode detail && detail.has("$include")) {
                ObjectNode merged = read(detail.remove("$include").asText()).deepCopy();
                deepMerge(merged, detail);
                a.setValue(merged);
            }
        });
        return item;
    }

    private ObjectNode extended(ObjectNode item, java.util.function.Function<String, ObjectNode> parents) {
        String parentName = item.path("extends").asText(null);
        if (parentName == null) {
            return item;
        }
        ObjectNode flat = parents.apply(parentName).deepCopy();
        item.properties().forEach(e -> {
            switch (e.getKey()) {
                case "attributes" -> mergeAttributes(flat.withObjectProperty("attributes"), (ObjectNode) e.getValue());
                case "profiles" -> {
                    TreeSet<String> union = new TreeSet<>();
                    flat.path("profiles").forEach(p -> union.add(p.asText()));
                    e.getValue().forEach(p -> union.add(p.asText()));
                    ArrayNode profiles = flat.putArray("profiles");
                    union.forEach(profiles::add);
                }
                default -> flat.set(e.getKey(), e.getValue());
            }
        });
        return flat;
    }

    /** The compiler's attribute merge: details of {@code source} over {@code dest}, with its rules for profiles. */
    private static void mergeAttributes(ObjectNode dest, ObjectNode source) {
        source.properties().forEach(a -> {
            if (!(dest.get(a.getKey()) instanceof ObjectNode target)) {
                dest.set(a.getKey(), a.getValue().deepCopy());
                return;
            }
            ObjectNode detail = (ObjectNode) a.getValue();
            detail.properties().forEach(d -> {
                String key = d.getKey();
                JsonNode value = d.getValue();
                if (!target.has(key)) {
                    target.set(key, value.deepCopy());
                } else if (value.equals(target.get(key))) {
                    return;
                } else if ("profiles".equals(key)) {
                    if (value.isNull()) {
                        target.set(key, value); // "profile": null: the attribute belongs to the class, whatever profile brought it
                    } else {
                        TreeSet<String> union = new TreeSet<>();
                        target.path(key).forEach(p -> union.add(p.asText()));
                        value.forEach(p -> union.add(p.asText()));
                        ArrayNode profiles = target.putArray(key);
                        union.forEach(profiles::add);
                    }
                } else if ("requirement".equals(key) && detail.hasNonNull("profiles") && target.has("profiles")) {
                    target.put(key, rank(value.asText()) >= rank(target.path(key).asText()) ? value.asText() : target.path(key).asText());
                } else if (value.isObject() && target.get(key).isObject()) {
                    deepMerge((ObjectNode) target.get(key), (ObjectNode) value);
                } else {
                    target.set(key, value.deepCopy());
                }
            });
        });
    }

    private static int rank(String requirement) {
        return switch (requirement) {
            case "required" -> 3;
            case "recommended" -> 2;
            case "optional" -> 1;
            default -> 0;
        };
    }

    private static void deepMerge(ObjectNode dest, ObjectNode source) {
        source.properties().forEach(e -> {
            if (dest.get(e.getKey()) instanceof ObjectNode target && e.getValue() instanceof ObjectNode value) {
                deepMerge(target, value);
            } else {
                dest.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private int categoryUid(ObjectNode flatClass) {
        return categories.path(flatClass.path("category").asText()).path("uid").asInt(0);
    }

    /** The compiler's class enrichment: the one class_uid, category_uid and the type_uid of each activity. */
    private ObjectNode enriched(ObjectNode flat, int uid) {
        ObjectNode cls = flat.deepCopy();
        ObjectNode attributes = cls.withObjectProperty("attributes");
        String caption = cls.path("caption").asText("UNKNOWN");
        cls.put("uid", uid);
        ObjectNode typeUids = JsonNodeFactory.instance.objectNode();
        attributes.path("activity_id").path("enum").properties().forEach(a -> typeUids.putObject(
                String.valueOf(uid * 100L + Integer.parseInt(a.getKey()))).put("caption", caption + ": " + a.getValue().path("caption").asText()));
        typeUids.putObject(String.valueOf(uid * 100L)).put("caption", caption + ": Unknown");
        attributes.withObjectProperty("type_uid").set("enum", typeUids);
        attributes.withObjectProperty("class_uid").putObject("enum").putObject(String.valueOf(uid)).put("caption", caption);
        attributes.withObjectProperty("class_name");
        JsonNode category = categories.path(cls.path("category").asText());
        if (!category.isMissingNode()) {
            attributes.withObjectProperty("category_uid").putObject("enum").set(String.valueOf(category.path("uid").asInt()), category.deepCopy());
            attributes.withObjectProperty("category_name");
        }
        return cls;
    }

    /** Timestamps' {@code _dt} siblings (datetime profile), then each attribute's dictionary entry under its details. */
    private Item finish(ObjectNode flat) {
        ObjectNode attributes = flat.withObjectProperty("attributes");
        Map<String, ObjectNode> datetimes = new LinkedHashMap<>();
        if (hasProfile(DATETIME) && types.has("datetime_t")) {
            attributes.properties().forEach(a -> {
                String type = a.getValue().path("type").asText(dictionary.path(a.getKey()).path("type").asText());
                if ("timestamp_t".equals(type)) {
                    ObjectNode sibling = ((ObjectNode) a.getValue()).deepCopy();
                    sibling.putArray("profiles").add(DATETIME);
                    sibling.put("requirement", "optional");
                    datetimes.put(a.getKey() + "_dt", sibling);
                }
            });
        }
        datetimes.forEach(attributes::set);
        Map<String, Attribute> finished = new LinkedHashMap<>();
        attributes.properties().forEach(a -> {
            JsonNode entry = dictionary.get(a.getKey());
            if (entry == null) {
                throw new IllegalStateException(flat.path("name").asText() + "." + a.getKey() + " is not in the dictionary");
            }
            ObjectNode detail = entry.deepCopy();
            deepMerge(detail, (ObjectNode) a.getValue());
            finished.put(a.getKey(), attribute(a.getKey(), detail));
        });
        return new Item(flat.path("name").asText(), flat.path("caption").asText(), flat.path("uid").asInt(0), finished,
                flat.path("constraints"));
    }

    private Attribute attribute(String name, ObjectNode detail) {
        String type = detail.path("type").asText();
        boolean scalar = types.has(type);
        Map<String, String> captions = new LinkedHashMap<>();
        detail.path("enum").properties().forEach(e -> captions.put(e.getKey(), e.getValue().path("caption").asText()));
        List<String> profiles = null;
        if (detail.path("profiles").isArray()) {
            profiles = new ArrayList<>();
            for (JsonNode p : detail.path("profiles")) {
                profiles.add(p.asText());
            }
        }
        return new Attribute(name, scalar ? type : null, scalar ? null : type, detail.path("is_array").asBoolean(false),
                detail.path("requirement").asText("optional"), captions, detail.path("sibling").asText(null), profiles);
    }

    /** The compiler adds, for the datetime profile, a {@code datetime_t} sibling to every timestamp in the dictionary. */
    private void addDatetimeSiblings() {
        Map<String, JsonNode> additions = new LinkedHashMap<>();
        dictionary.properties().forEach(a -> {
            if ("timestamp_t".equals(a.getValue().path("type").asText())) {
                additions.put(a.getKey() + "_dt", ((ObjectNode) a.getValue()).deepCopy().put("type", "datetime_t"));
            }
        });
        additions.forEach(dictionary::set);
    }

    private ObjectNode read(String file) {
        try (InputStream in = Files.newInputStream(root.resolve(file))) {
            return (ObjectNode) JSON.readTree(in);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + " is not among the OCSF schema files in " + root
                    + ": copy it unmodified from ocsf/ocsf-schema (see README.md there)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }
}
