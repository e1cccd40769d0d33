//! Prints every `config.json` key the code accepts, one per line, as serde sees
//! them: `api`, `share.targets`, `mapping.items`, `follow[].network`, …
//!
//! The docs test (`tests/docs/docs.test.mjs`) compares this list with the
//! configuration page's tables, so a key added to `Config` (or one of the
//! structs it nests) fails `make test` until it is documented. The list comes
//! from `Config`'s own `Deserialize` impl, not from a hand-kept list: a
//! recording deserializer answers every `deserialize_struct` call by feeding
//! each declared field back (after serde's renames) and recursing into its
//! value, so nested structs, options and lists of structs are found too.
//!
//! ```text
//! cargo run --example config_keys
//! ```

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt;
use ziar::config::Config;

fn main() {
    for key in config_keys() {
        println!("{key}");
    }
}

/// Every key path `Config` accepts, parents included (`share` and `share.targets`).
fn config_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    Config::deserialize(Walker {
        path: "",
        keys: &mut keys,
    })
    .expect("Config deserializes from the walker");
    keys
}

#[derive(Debug)]
struct WalkError(String);

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WalkError {}

impl de::Error for WalkError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WalkError(msg.to_string())
    }
}

/// A deserializer standing for the value at `path`: a struct reports its
/// fields under `path`, anything else gives the visitor an empty value.
struct Walker<'a> {
    path: &'a str,
    keys: &'a mut BTreeSet<String>,
}

impl<'de> Deserializer<'de> for Walker<'_> {
    type Error = WalkError;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, WalkError> {
        let prefix = if self.path.is_empty() {
            String::new()
        } else {
            format!("{}.", self.path)
        };
        visitor.visit_map(Fields {
            prefix,
            fields,
            next: 0,
            keys: self.keys,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        let path = format!("{}[]", self.path);
        visitor.visit_seq(OneElement {
            path: Some(path),
            keys: self.keys,
        })
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, WalkError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, WalkError> {
        let first: de::value::StrDeserializer<'_, WalkError> = variants[0].into_deserializer();
        visitor.visit_enum(first)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_bool(false)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_i64(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_u64(0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_f64(0.0)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_str("")
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_map(de::value::MapDeserializer::<std::iter::Empty<((), ())>, WalkError>::new(std::iter::empty()))
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_unit()
    }

    /// `serde_json::Value` and untagged enums: a free-form value, not walked further.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit_struct tuple tuple_struct identifier ignored_any
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, WalkError> {
        self.deserialize_str(visitor)
    }
}

/// A struct's fields, each given once, its value walked under `prefix + field`.
struct Fields<'a> {
    prefix: String,
    fields: &'static [&'static str],
    next: usize,
    keys: &'a mut BTreeSet<String>,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = WalkError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, WalkError> {
        let Some(field) = self.fields.get(self.next) else {
            return Ok(None);
        };
        self.keys.insert(format!("{}{field}", self.prefix));
        seed.deserialize(field.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, WalkError> {
        let path = format!("{}{}", self.prefix, self.fields[self.next]);
        self.next += 1;
        seed.deserialize(Walker {
            path: &path,
            keys: self.keys,
        })
    }
}

/// A list with one element, so the element's type is walked under `path`.
struct OneElement<'a> {
    path: Option<String>,
    keys: &'a mut BTreeSet<String>,
}

impl<'de> SeqAccess<'de> for OneElement<'_> {
    type Error = WalkError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, WalkError> {
        match self.path.take() {
            Some(path) => seed
                .deserialize(Walker {
                    path: &path,
                    keys: self.keys,
                })
                .map(Some),
            None => Ok(None),
        }
    }
}
