//! Countries and MGI local jurisdictions (placeholder until the CLDR table lands).

pub struct Country {
    pub iso3: &'static str,
    pub iso2: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
    pub es: &'static str,
}

impl Country {
    pub fn name(&self, language: &str) -> &'static str {
        match language {
            "fr" => self.fr,
            "es" => self.es,
            _ => self.en,
        }
    }
}

pub struct LocalPlace {
    pub name: &'static str,
    pub country_iso3: &'static str,
}

pub fn country_by_name(_name: &str) -> Option<&'static Country> {
    None
}

pub fn country_by_iso3(_code: &str) -> Option<&'static Country> {
    None
}

pub fn local_place_by_name(_name: &str) -> Option<&'static LocalPlace> {
    None
}

pub fn short_name(official: &str, _language: &str) -> String {
    official.to_string()
}
