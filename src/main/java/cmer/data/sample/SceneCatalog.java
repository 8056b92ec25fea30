package cmer.data.sample;

import java.util.List;
import java.util.function.BiConsumer;

/** The sample scene classes (RSITMD names) and their painters, in a fixed order (image i gets class i mod 18). */
final class SceneCatalog {
    /** A scene class: RSITMD-style name and the painter that draws it and records its facts. */
    record SceneClass(String name, BiConsumer<Canvas, Facts> painter) { }

    static final List<SceneClass> CLASSES = List.of(
            new SceneClass("airport", BuiltScenes::airport),
            new SceneClass("port", BuiltScenes::port),
            new SceneClass("parking", BuiltScenes::parking),
            new SceneClass("storagetanks", BuiltScenes::storagetanks),
            new SceneClass("farmland", NaturalScenes::farmland),
            new SceneClass("forest", NaturalScenes::forest),
            new SceneClass("denseresidential", NaturalScenes::denseresidential),
            new SceneClass("sparseresidential", NaturalScenes::sparseresidential),
            new SceneClass("river", NaturalScenes::river),
            new SceneClass("beach", NaturalScenes::beach),
            new SceneClass("bridge", BuiltScenes::bridge),
            new SceneClass("playground", BuiltScenes::playground),
            new SceneClass("baseballfield", BuiltScenes::baseballfield),
            new SceneClass("meadow", NaturalScenes::meadow),
            new SceneClass("desert", NaturalScenes::desert),
            new SceneClass("industrial", BuiltScenes::industrial),
            new SceneClass("pond", NaturalScenes::pond),
            new SceneClass("intersection", BuiltScenes::intersection));

    private SceneCatalog() { }

    static List<String> names() { return CLASSES.stream().map(SceneClass::name).toList(); }
}
