//! The commands that describe rather than check: `list`, `show` and
//! `schema`.

use almen::diag::did_you_mean;
use almen::load::Loader;
use almen::render;
use almen::schema;
use almen::schema::Described;

use super::{Context, Exit, Failure, all_builtins, diags, load_checklists};
use crate::fs::RealFs;

pub struct List {
    /// Checklists besides the built-in ones, by id or path.
    pub checklists: Vec<String>,
}

pub struct Show {
    /// The item's id, in any capitalisation.
    pub item: String,
    /// Checklists besides the built-in ones to look in.
    pub checklists: Vec<String>,
}

pub fn list(opts: List, ctx: &Context) -> Result<Exit, Failure> {
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, ctx.lang);
    let checklists = load_checklists(&mut loader, &all_builtins(), &opts.checklists)?;
    let render_opts = render::Options {
        lang: ctx.lang,
        color: ctx.stdio.out_color,
        all: true,
        width: ctx.stdio.width,
        fail_on: None,
        fail_under: None,
        delimiter: None,
        several: false,
        summary: false,
    };
    ctx.write_out(|out| render::list(&checklists, &render_opts, out))?;
    Ok(Exit::Ok)
}

pub fn show(opts: Show, ctx: &Context) -> Result<Exit, Failure> {
    let fs = RealFs::default();
    let mut loader = Loader::new(&fs, ctx.lang);
    let checklists = load_checklists(&mut loader, &all_builtins(), &opts.checklists)?;
    let wanted = opts.item.trim();
    let found = checklists.iter().find_map(|c| {
        c.file
            .items
            .iter()
            .find(|i| i.id.get_ref().eq_ignore_ascii_case(wanted))
            .map(|i| (c, i))
    });
    let Some((checklist, item)) = found else {
        let ids = checklists
            .iter()
            .flat_map(|c| c.file.items.iter().map(|i| i.id.get_ref().as_str()));
        let meant = did_you_mean(&opts.item, ids);
        return Err(diags::unknown_item(ctx.lang, &opts.item, meant).into());
    };
    ctx.write_out(|out| render::show(checklist, item, ctx.lang, out))?;
    Ok(Exit::Ok)
}

pub fn schema(kind: Described, ctx: &Context) -> Result<Exit, Failure> {
    ctx.write_out(|out| {
        serde_json::to_writer_pretty(&mut *out, &schema::schema(kind))?;
        writeln!(out)
    })?;
    Ok(Exit::Ok)
}
