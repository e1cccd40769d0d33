//! JSON text → `serde_json::Value` through the browser's `JSON.parse`, for a
//! bundle that reads a JSON attribute but has no JSON parser of its own (the
//! share widget's `share`): `serde_json`'s parser is a few KB of wasm.

use js_sys::{Array, Object, JSON};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Parses `text`; the error is the browser's message.
pub fn parse(text: &str) -> Result<Value, String> {
    match JSON::parse(text) {
        Ok(v) => Ok(convert(&v)),
        Err(e) => Err(e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".into())),
    }
}

fn convert(v: &JsValue) -> Value {
    if let Some(s) = v.as_string() {
        Value::String(s)
    } else if let Some(b) = v.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = v.as_f64() {
        // Whole numbers as integers, as serde_json reads them.
        if n.fract() == 0.0 && n.abs() < 9e15 {
            if n >= 0.0 {
                Value::from(n as u64)
            } else {
                Value::from(n as i64)
            }
        } else {
            Number::from_f64(n).map_or(Value::Null, Value::Number)
        }
    } else if Array::is_array(v) {
        Value::Array(Array::from(v).iter().map(|x| convert(&x)).collect())
    } else if let Some(o) = v.dyn_ref::<Object>() {
        let mut map = Map::new();
        for entry in Object::entries(o).iter() {
            let pair = Array::from(&entry);
            if let Some(k) = pair.get(0).as_string() {
                map.insert(k, convert(&pair.get(1)));
            }
        }
        Value::Object(map)
    } else {
        Value::Null
    }
}
