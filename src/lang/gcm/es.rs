//! Spanish terms of the GCM objectives (see the README, "GCM objectives").

use super::GcmLexicon;

pub(crate) static ES: GcmLexicon = GcmLexicon {
    code: "es",
    stopwords: &[
        "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del", "al", "a", "en",
        "y", "e", "o", "u", "con", "por", "para", "su", "sus", "todas", "todos",
    ],
    suffixes: &[],
    objectives: &[
        // 1: datos, estadísticas, investigación (párr. 17; medida 1 f) observatorios).
        (
            1,
            &[
                "datos",
                "!estadística*",
                "!censo*",
                "encuesta*",
                "!observatorio*",
                "investigación",
                "base de datos",
                "perfil migratorio",
                "necesidades del mercado laboral",
                "necesidades del mercado de trabajo",
            ],
        ),
        // 2: desastres, cambio climático, desplazamientos (párr. 18).
        (
            2,
            &[
                "!desastre*",
                "cambio climático",
                "!desplazad*",
                "!desplazamiento*",
                "plan de contingencia",
                "alerta temprana",
                "alerta*",
                "!inundacion*",
                "!sequía*",
                "gestión de riesgos",
                "reducción de riesgos",
                "protección civil",
                "asistencia humanitaria",
                "emergencia*",
                "crisis",
                "albergues temporales",
                "reubicación planificada",
            ],
        ),
        // 3: información en todas las etapas de la migración (párr. 19).
        (
            3,
            &[
                "información",
                "informar",
                "lenguas",
                "campaña* de sensibilización",
                "sensibilización",
                "antes de la partida",
                "orientación previa",
                "traducción",
                "idiomas",
            ],
        ),
        // 4: identidad jurídica y documentación (párr. 20).
        (
            4,
            &[
                "registro de nacimiento*",
                "inscripción de nacimiento*",
                "registro civil",
                "identidad jurídica",
                "documento* de viaje",
                "apátrida*",
                "apatridia",
                "matrícula consular",
            ],
        ),
        // 5: vías de migración regular (párr. 21).
        (
            5,
            &[
                "libre circulación",
                "libre movilidad",
                "acuerdo sobre residencia",
                "residencia temporal",
                "residencia permanente",
                "categorías de residencia",
                "!visa",
                "!visado*",
                "migración laboral",
                "movilidad laboral",
                "trabajo temporal",
                "trabajadores temporales",
                "permiso* de trabajo",
                "reunificación familiar",
                "reagrupación familiar",
                "mano de obra extranjera",
                "admisión",
            ],
        ),
        // 6: contratación equitativa y trabajo decente (párr. 22; medida 6 a)).
        (
            6,
            &[
                "!contratación",
                "!reclutamiento",
                "agencias de empleo",
                "agencias de colocación",
                "inspección del trabajo",
                "inspección laboral",
                "inspecciones de trabajo",
                "trabajo decente",
                "condiciones de trabajo",
                "condiciones laborales",
                "salario*",
                "código de trabajo",
                "código del trabajo",
                "oit",
                "organización internacional del trabajo",
                "derechos de todos los trabajadores migratorios",
                "trabajadoras domésticas",
                "trabajadores domésticos",
                "explotación laboral",
            ],
        ),
        // 7: vulnerabilidades (párr. 23).
        (
            7,
            &[
                "!vulnerab*",
                "asesoría jurídica",
                "asistencia jurídica",
                "asistencia legal",
                "orientación jurídica",
                "no acompañad*",
                "!regularización",
                "sector informal",
                "economía informal",
                "violencia de género",
            ],
        ),
        // 8: salvar vidas, migrantes desaparecidos (párr. 24).
        (
            8,
            &[
                "migrantes desaparecidos",
                "desaparecid*",
                "búsqueda y rescate",
                "rescate",
                "muertes de migrantes",
            ],
        ),
        // 9: tráfico ilícito de migrantes (párr. 25).
        (
            9,
            &[
                "tráfico ilícito de migrantes",
                "tráfico de migrantes",
                "tráfico ilícito",
            ],
        ),
        // 10: trata de personas (párr. 26).
        (10, &["trata", "trata de personas", "víctimas de trata"]),
        // 11: gestión integrada de fronteras (párr. 27).
        (
            11,
            &[
                "frontera*",
                "fronteriz*",
                "puestos fronterizos",
                "gestión de fronteras",
                "control fronterizo",
                "!biométric*",
                "ingresos y egresos",
                "entradas y salidas",
            ],
        ),
        // 12: verificación, evaluación y derivación; procedimientos previsibles (párr. 28).
        (
            12,
            &[
                "identificación de víctimas",
                "identificación",
                "derivación",
                "visa electrónica",
                "visas electrónicas",
                "procedimientos operativos",
            ],
        ),
        // 13: alternativas a la detención (párr. 29).
        (
            13,
            &[
                "!detención",
                "alternativas a la detención",
                "estación* migratoria*",
            ],
        ),
        // 14: protección consular (párr. 30).
        (
            14,
            &[
                "!consular*",
                "!consulado*",
                "!embajada*",
                "nacionales en el exterior",
                "connacionales en el exterior",
                "repatriación",
                "evacuación",
            ],
        ),
        // 15: acceso a servicios básicos (párr. 31).
        (
            15,
            &[
                "salud",
                "atención médica",
                "seguro de salud",
                "seguro médico",
                "educación",
                "educativ*",
                "escuela*",
                "escolar*",
                "vivienda",
                "servicios básicos",
                "servicios sociales",
                "servicios públicos",
                "atención psicológica",
            ],
        ),
        // 16: inclusión y cohesión social (párr. 32).
        (
            16,
            &[
                "integración",
                "inclusión",
                "cohesión social",
                "derecho al trabajo",
                "inserción laboral",
                "bolsa de empleo",
                "servicios de empleo",
                "!naturalización",
                "ciudadanía",
                "derecho a votar",
                "derecho al voto",
                "elecciones",
                "!intercultural*",
                "cursos de idioma*",
                "emprendimiento*",
            ],
        ),
        // 17: eliminar la discriminación (párr. 33).
        (
            17,
            &[
                "!discriminación",
                "no discriminación",
                "!xenofobia",
                "!racismo",
                "discurso* de odio",
                "delitos de odio",
                "igualdad ante la ley",
                "mismos derechos",
                "igualdad de trato",
            ],
        ),
        // 18: desarrollo y reconocimiento de competencias (párr. 34).
        (
            18,
            &[
                "reconocimiento de las competencias",
                "reconocimiento de competencias",
                "reconocimiento de títulos",
                "competencias laborales",
                "!convalidación",
                "!homologación",
                "títulos universitarios",
                "formación profesional",
                "reconocimiento mutuo",
            ],
        ),
        // 19: contribuciones de migrantes y diásporas (párr. 35).
        (
            19,
            &[
                "!diáspora*",
                "plan nacional de desarrollo",
                "plan de desarrollo",
                "transferencia de conocimientos",
                "voto en el exterior",
                "voto desde el exterior",
                "organizaciones de migrantes",
            ],
        ),
        // 20: remesas e inclusión financiera (párr. 36).
        (
            20,
            &[
                "!remesa*",
                "envío de dinero",
                "inclusión financiera",
                "educación financiera",
                "canales formales",
            ],
        ),
        // 21: retorno, readmisión y reintegración (párr. 37).
        (
            21,
            &[
                "retorno",
                "!retornad*",
                "!reintegración",
                "!reinserción",
                "!readmisión",
                "!deportad*",
                "!repatriad*",
                "regresan al país",
            ],
        ),
        // 22: protección social y portabilidad (párr. 38).
        (
            22,
            &[
                "seguridad social",
                "protección social",
                "seguro*",
                "seguro de salud",
                "seguro médico",
                "!pension*",
                "jubilación",
                "previsión social",
                "!cotización*",
                "transferencias monetarias",
                "bono",
                "portabilidad",
            ],
        ),
        // 23: cooperación internacional (párr. 39).
        (
            23,
            &[
                "proceso* consultivo*",
                "conferencia regional",
                "conferencia suramericana",
                "proceso",
                "cooperación internacional",
                "convenios de cooperación",
                "pacto mundial",
                "red de ciudades",
                "ciudades hermanas",
            ],
        ),
    ],
    out_of_scope: &[
        "estatuto de los refugiados",
        "campamento* de refugiados",
        "mirps",
    ],
};
