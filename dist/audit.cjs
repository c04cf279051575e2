#!/usr/bin/env node
// Built from src/ by `npm run build`; edit src/, not this file.
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf, __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from == "object" || typeof from == "function")
    for (let key2 of __getOwnPropNames(from))
      !__hasOwnProp.call(to, key2) && key2 !== except && __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
  return to;
};
var __nodeBuiltin = (mod) => Object.create(mod, { default: { value: mod, enumerable: !0 } });
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: !0 }) : target,
  mod
));

// node_modules/commander/lib/error.js
var require_error = __commonJS({
  "node_modules/commander/lib/error.js"(exports2) {
    var CommanderError2 = class extends Error {
      /**
       * Constructs the CommanderError class
       * @param {number} exitCode suggested exit code which could be used with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       */
      constructor(exitCode, code, message2) {
        super(message2), Error.captureStackTrace(this, this.constructor), this.name = this.constructor.name, this.code = code, this.exitCode = exitCode, this.nestedError = void 0;
      }
    }, InvalidArgumentError2 = class extends CommanderError2 {
      /**
       * Constructs the InvalidArgumentError class
       * @param {string} [message] explanation of why argument is invalid
       */
      constructor(message2) {
        super(1, "commander.invalidArgument", message2), Error.captureStackTrace(this, this.constructor), this.name = this.constructor.name;
      }
    };
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
  }
});

// node_modules/commander/lib/argument.js
var require_argument = __commonJS({
  "node_modules/commander/lib/argument.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error(), Argument2 = class {
      /**
       * Initialize a new command argument with the given name and description.
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @param {string} name
       * @param {string} [description]
       */
      constructor(name, description) {
        switch (this.description = description || "", this.variadic = !1, this.parseArg = void 0, this.defaultValue = void 0, this.defaultValueDescription = void 0, this.argChoices = void 0, name[0]) {
          case "<":
            this.required = !0, this._name = name.slice(1, -1);
            break;
          case "[":
            this.required = !1, this._name = name.slice(1, -1);
            break;
          default:
            this.required = !0, this._name = name;
            break;
        }
        this._name.length > 3 && this._name.slice(-3) === "..." && (this.variadic = !0, this._name = this._name.slice(0, -3));
      }
      /**
       * Return argument name.
       *
       * @return {string}
       */
      name() {
        return this._name;
      }
      /**
       * @package
       */
      _concatValue(value, previous) {
        return previous === this.defaultValue || !Array.isArray(previous) ? [value] : previous.concat(value);
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Argument}
       */
      default(value, description) {
        return this.defaultValue = value, this.defaultValueDescription = description, this;
      }
      /**
       * Set the custom handler for processing CLI command arguments into argument values.
       *
       * @param {Function} [fn]
       * @return {Argument}
       */
      argParser(fn) {
        return this.parseArg = fn, this;
      }
      /**
       * Only allow argument value to be one of choices.
       *
       * @param {string[]} values
       * @return {Argument}
       */
      choices(values) {
        return this.argChoices = values.slice(), this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg))
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          return this.variadic ? this._concatValue(arg, previous) : arg;
        }, this;
      }
      /**
       * Make argument required.
       *
       * @returns {Argument}
       */
      argRequired() {
        return this.required = !0, this;
      }
      /**
       * Make argument optional.
       *
       * @returns {Argument}
       */
      argOptional() {
        return this.required = !1, this;
      }
    };
    function humanReadableArgName(arg) {
      let nameOutput = arg.name() + (arg.variadic === !0 ? "..." : "");
      return arg.required ? "<" + nameOutput + ">" : "[" + nameOutput + "]";
    }
    exports2.Argument = Argument2;
    exports2.humanReadableArgName = humanReadableArgName;
  }
});

// node_modules/commander/lib/help.js
var require_help = __commonJS({
  "node_modules/commander/lib/help.js"(exports2) {
    var { humanReadableArgName } = require_argument(), Help2 = class {
      constructor() {
        this.helpWidth = void 0, this.minWidthToWrap = 40, this.sortSubcommands = !1, this.sortOptions = !1, this.showGlobalOptions = !1;
      }
      /**
       * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
       * and just before calling `formatHelp()`.
       *
       * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
       *
       * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
       */
      prepareContext(contextOptions) {
        this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
      }
      /**
       * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
       *
       * @param {Command} cmd
       * @returns {Command[]}
       */
      visibleCommands(cmd) {
        let visibleCommands = cmd.commands.filter((cmd2) => !cmd2._hidden), helpCommand = cmd._getHelpCommand();
        return helpCommand && !helpCommand._hidden && visibleCommands.push(helpCommand), this.sortSubcommands && visibleCommands.sort((a, b) => a.name().localeCompare(b.name())), visibleCommands;
      }
      /**
       * Compare options for sort.
       *
       * @param {Option} a
       * @param {Option} b
       * @returns {number}
       */
      compareOptions(a, b) {
        let getSortKey = (option) => option.short ? option.short.replace(/^-/, "") : option.long.replace(/^--/, "");
        return getSortKey(a).localeCompare(getSortKey(b));
      }
      /**
       * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleOptions(cmd) {
        let visibleOptions = cmd.options.filter((option) => !option.hidden), helpOption = cmd._getHelpOption();
        if (helpOption && !helpOption.hidden) {
          let removeShort = helpOption.short && cmd._findOption(helpOption.short), removeLong = helpOption.long && cmd._findOption(helpOption.long);
          !removeShort && !removeLong ? visibleOptions.push(helpOption) : helpOption.long && !removeLong ? visibleOptions.push(
            cmd.createOption(helpOption.long, helpOption.description)
          ) : helpOption.short && !removeShort && visibleOptions.push(
            cmd.createOption(helpOption.short, helpOption.description)
          );
        }
        return this.sortOptions && visibleOptions.sort(this.compareOptions), visibleOptions;
      }
      /**
       * Get an array of the visible global options. (Not including help.)
       *
       * @param {Command} cmd
       * @returns {Option[]}
       */
      visibleGlobalOptions(cmd) {
        if (!this.showGlobalOptions) return [];
        let globalOptions = [];
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent) {
          let visibleOptions = ancestorCmd.options.filter(
            (option) => !option.hidden
          );
          globalOptions.push(...visibleOptions);
        }
        return this.sortOptions && globalOptions.sort(this.compareOptions), globalOptions;
      }
      /**
       * Get an array of the arguments if any have a description.
       *
       * @param {Command} cmd
       * @returns {Argument[]}
       */
      visibleArguments(cmd) {
        return cmd._argsDescription && cmd.registeredArguments.forEach((argument) => {
          argument.description = argument.description || cmd._argsDescription[argument.name()] || "";
        }), cmd.registeredArguments.find((argument) => argument.description) ? cmd.registeredArguments : [];
      }
      /**
       * Get the command term to show in the list of subcommands.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandTerm(cmd) {
        let args = cmd.registeredArguments.map((arg) => humanReadableArgName(arg)).join(" ");
        return cmd._name + (cmd._aliases[0] ? "|" + cmd._aliases[0] : "") + (cmd.options.length ? " [options]" : "") + // simplistic check for non-help option
        (args ? " " + args : "");
      }
      /**
       * Get the option term to show in the list of options.
       *
       * @param {Option} option
       * @returns {string}
       */
      optionTerm(option) {
        return option.flags;
      }
      /**
       * Get the argument term to show in the list of arguments.
       *
       * @param {Argument} argument
       * @returns {string}
       */
      argumentTerm(argument) {
        return argument.name();
      }
      /**
       * Get the longest command term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestSubcommandTermLength(cmd, helper) {
        return helper.visibleCommands(cmd).reduce((max, command) => Math.max(
          max,
          this.displayWidth(
            helper.styleSubcommandTerm(helper.subcommandTerm(command))
          )
        ), 0);
      }
      /**
       * Get the longest option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestOptionTermLength(cmd, helper) {
        return helper.visibleOptions(cmd).reduce((max, option) => Math.max(
          max,
          this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
        ), 0);
      }
      /**
       * Get the longest global option term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestGlobalOptionTermLength(cmd, helper) {
        return helper.visibleGlobalOptions(cmd).reduce((max, option) => Math.max(
          max,
          this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option)))
        ), 0);
      }
      /**
       * Get the longest argument term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      longestArgumentTermLength(cmd, helper) {
        return helper.visibleArguments(cmd).reduce((max, argument) => Math.max(
          max,
          this.displayWidth(
            helper.styleArgumentTerm(helper.argumentTerm(argument))
          )
        ), 0);
      }
      /**
       * Get the command usage to be displayed at the top of the built-in help.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandUsage(cmd) {
        let cmdName = cmd._name;
        cmd._aliases[0] && (cmdName = cmdName + "|" + cmd._aliases[0]);
        let ancestorCmdNames = "";
        for (let ancestorCmd = cmd.parent; ancestorCmd; ancestorCmd = ancestorCmd.parent)
          ancestorCmdNames = ancestorCmd.name() + " " + ancestorCmdNames;
        return ancestorCmdNames + cmdName + " " + cmd.usage();
      }
      /**
       * Get the description for the command.
       *
       * @param {Command} cmd
       * @returns {string}
       */
      commandDescription(cmd) {
        return cmd.description();
      }
      /**
       * Get the subcommand summary to show in the list of subcommands.
       * (Fallback to description for backwards compatibility.)
       *
       * @param {Command} cmd
       * @returns {string}
       */
      subcommandDescription(cmd) {
        return cmd.summary() || cmd.description();
      }
      /**
       * Get the option description to show in the list of options.
       *
       * @param {Option} option
       * @return {string}
       */
      optionDescription(option) {
        let extraInfo = [];
        return option.argChoices && extraInfo.push(
          // use stringify to match the display of the default value
          `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
        ), option.defaultValue !== void 0 && (option.required || option.optional || option.isBoolean() && typeof option.defaultValue == "boolean") && extraInfo.push(
          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`
        ), option.presetArg !== void 0 && option.optional && extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`), option.envVar !== void 0 && extraInfo.push(`env: ${option.envVar}`), extraInfo.length > 0 ? `${option.description} (${extraInfo.join(", ")})` : option.description;
      }
      /**
       * Get the argument description to show in the list of arguments.
       *
       * @param {Argument} argument
       * @return {string}
       */
      argumentDescription(argument) {
        let extraInfo = [];
        if (argument.argChoices && extraInfo.push(
          // use stringify to match the display of the default value
          `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(", ")}`
        ), argument.defaultValue !== void 0 && extraInfo.push(
          `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`
        ), extraInfo.length > 0) {
          let extraDescription = `(${extraInfo.join(", ")})`;
          return argument.description ? `${argument.description} ${extraDescription}` : extraDescription;
        }
        return argument.description;
      }
      /**
       * Generate the built-in help text.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {string}
       */
      formatHelp(cmd, helper) {
        let termWidth = helper.padWidth(cmd, helper), helpWidth = helper.helpWidth ?? 80;
        function callFormatItem(term, description) {
          return helper.formatItem(term, termWidth, description, helper);
        }
        let output = [
          `${helper.styleTitle("Usage:")} ${helper.styleUsage(helper.commandUsage(cmd))}`,
          ""
        ], commandDescription = helper.commandDescription(cmd);
        commandDescription.length > 0 && (output = output.concat([
          helper.boxWrap(
            helper.styleCommandDescription(commandDescription),
            helpWidth
          ),
          ""
        ]));
        let argumentList = helper.visibleArguments(cmd).map((argument) => callFormatItem(
          helper.styleArgumentTerm(helper.argumentTerm(argument)),
          helper.styleArgumentDescription(helper.argumentDescription(argument))
        ));
        argumentList.length > 0 && (output = output.concat([
          helper.styleTitle("Arguments:"),
          ...argumentList,
          ""
        ]));
        let optionList = helper.visibleOptions(cmd).map((option) => callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option))
        ));
        if (optionList.length > 0 && (output = output.concat([
          helper.styleTitle("Options:"),
          ...optionList,
          ""
        ])), helper.showGlobalOptions) {
          let globalOptionList = helper.visibleGlobalOptions(cmd).map((option) => callFormatItem(
            helper.styleOptionTerm(helper.optionTerm(option)),
            helper.styleOptionDescription(helper.optionDescription(option))
          ));
          globalOptionList.length > 0 && (output = output.concat([
            helper.styleTitle("Global Options:"),
            ...globalOptionList,
            ""
          ]));
        }
        let commandList = helper.visibleCommands(cmd).map((cmd2) => callFormatItem(
          helper.styleSubcommandTerm(helper.subcommandTerm(cmd2)),
          helper.styleSubcommandDescription(helper.subcommandDescription(cmd2))
        ));
        return commandList.length > 0 && (output = output.concat([
          helper.styleTitle("Commands:"),
          ...commandList,
          ""
        ])), output.join(`
`);
      }
      /**
       * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
       *
       * @param {string} str
       * @returns {number}
       */
      displayWidth(str) {
        return stripColor(str).length;
      }
      /**
       * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
       *
       * @param {string} str
       * @returns {string}
       */
      styleTitle(str) {
        return str;
      }
      styleUsage(str) {
        return str.split(" ").map((word) => word === "[options]" ? this.styleOptionText(word) : word === "[command]" ? this.styleSubcommandText(word) : word[0] === "[" || word[0] === "<" ? this.styleArgumentText(word) : this.styleCommandText(word)).join(" ");
      }
      styleCommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleOptionDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleSubcommandDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleArgumentDescription(str) {
        return this.styleDescriptionText(str);
      }
      styleDescriptionText(str) {
        return str;
      }
      styleOptionTerm(str) {
        return this.styleOptionText(str);
      }
      styleSubcommandTerm(str) {
        return str.split(" ").map((word) => word === "[options]" ? this.styleOptionText(word) : word[0] === "[" || word[0] === "<" ? this.styleArgumentText(word) : this.styleSubcommandText(word)).join(" ");
      }
      styleArgumentTerm(str) {
        return this.styleArgumentText(str);
      }
      styleOptionText(str) {
        return str;
      }
      styleArgumentText(str) {
        return str;
      }
      styleSubcommandText(str) {
        return str;
      }
      styleCommandText(str) {
        return str;
      }
      /**
       * Calculate the pad width from the maximum term length.
       *
       * @param {Command} cmd
       * @param {Help} helper
       * @returns {number}
       */
      padWidth(cmd, helper) {
        return Math.max(
          helper.longestOptionTermLength(cmd, helper),
          helper.longestGlobalOptionTermLength(cmd, helper),
          helper.longestSubcommandTermLength(cmd, helper),
          helper.longestArgumentTermLength(cmd, helper)
        );
      }
      /**
       * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
       *
       * @param {string} str
       * @returns {boolean}
       */
      preformatted(str) {
        return /\n[^\S\r\n]/.test(str);
      }
      /**
       * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
       *
       * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
       *   TTT  DDD DDDD
       *        DD DDD
       *
       * @param {string} term
       * @param {number} termWidth
       * @param {string} description
       * @param {Help} helper
       * @returns {string}
       */
      formatItem(term, termWidth, description, helper) {
        let itemIndentStr = " ".repeat(2);
        if (!description) return itemIndentStr + term;
        let paddedTerm = term.padEnd(
          termWidth + term.length - helper.displayWidth(term)
        ), spacerWidth = 2, remainingWidth = (this.helpWidth ?? 80) - termWidth - spacerWidth - 2, formattedDescription;
        return remainingWidth < this.minWidthToWrap || helper.preformatted(description) ? formattedDescription = description : formattedDescription = helper.boxWrap(description, remainingWidth).replace(
          /\n/g,
          `
` + " ".repeat(termWidth + spacerWidth)
        ), itemIndentStr + paddedTerm + " ".repeat(spacerWidth) + formattedDescription.replace(/\n/g, `
${itemIndentStr}`);
      }
      /**
       * Wrap a string at whitespace, preserving existing line breaks.
       * Wrapping is skipped if the width is less than `minWidthToWrap`.
       *
       * @param {string} str
       * @param {number} width
       * @returns {string}
       */
      boxWrap(str, width) {
        if (width < this.minWidthToWrap) return str;
        let rawLines = str.split(/\r\n|\n/), chunkPattern = /[\s]*[^\s]+/g, wrappedLines = [];
        return rawLines.forEach((line3) => {
          let chunks = line3.match(chunkPattern);
          if (chunks === null) {
            wrappedLines.push("");
            return;
          }
          let sumChunks = [chunks.shift()], sumWidth = this.displayWidth(sumChunks[0]);
          chunks.forEach((chunk) => {
            let visibleWidth = this.displayWidth(chunk);
            if (sumWidth + visibleWidth <= width) {
              sumChunks.push(chunk), sumWidth += visibleWidth;
              return;
            }
            wrappedLines.push(sumChunks.join(""));
            let nextChunk = chunk.trimStart();
            sumChunks = [nextChunk], sumWidth = this.displayWidth(nextChunk);
          }), wrappedLines.push(sumChunks.join(""));
        }), wrappedLines.join(`
`);
      }
    };
    function stripColor(str) {
      let sgrPattern = /\x1b\[\d*(;\d*)*m/g;
      return str.replace(sgrPattern, "");
    }
    exports2.Help = Help2;
    exports2.stripColor = stripColor;
  }
});

// node_modules/commander/lib/option.js
var require_option = __commonJS({
  "node_modules/commander/lib/option.js"(exports2) {
    var { InvalidArgumentError: InvalidArgumentError2 } = require_error(), Option2 = class {
      /**
       * Initialize a new `Option` with the given `flags` and `description`.
       *
       * @param {string} flags
       * @param {string} [description]
       */
      constructor(flags, description) {
        this.flags = flags, this.description = description || "", this.required = flags.includes("<"), this.optional = flags.includes("["), this.variadic = /\w\.\.\.[>\]]$/.test(flags), this.mandatory = !1;
        let optionFlags = splitOptionFlags(flags);
        this.short = optionFlags.shortFlag, this.long = optionFlags.longFlag, this.negate = !1, this.long && (this.negate = this.long.startsWith("--no-")), this.defaultValue = void 0, this.defaultValueDescription = void 0, this.presetArg = void 0, this.envVar = void 0, this.parseArg = void 0, this.hidden = !1, this.argChoices = void 0, this.conflictsWith = [], this.implied = void 0;
      }
      /**
       * Set the default value, and optionally supply the description to be displayed in the help.
       *
       * @param {*} value
       * @param {string} [description]
       * @return {Option}
       */
      default(value, description) {
        return this.defaultValue = value, this.defaultValueDescription = description, this;
      }
      /**
       * Preset to use when option used without option-argument, especially optional but also boolean and negated.
       * The custom processing (parseArg) is called.
       *
       * @example
       * new Option('--color').default('GREYSCALE').preset('RGB');
       * new Option('--donate [amount]').preset('20').argParser(parseFloat);
       *
       * @param {*} arg
       * @return {Option}
       */
      preset(arg) {
        return this.presetArg = arg, this;
      }
      /**
       * Add option name(s) that conflict with this option.
       * An error will be displayed if conflicting options are found during parsing.
       *
       * @example
       * new Option('--rgb').conflicts('cmyk');
       * new Option('--js').conflicts(['ts', 'jsx']);
       *
       * @param {(string | string[])} names
       * @return {Option}
       */
      conflicts(names) {
        return this.conflictsWith = this.conflictsWith.concat(names), this;
      }
      /**
       * Specify implied option values for when this option is set and the implied options are not.
       *
       * The custom processing (parseArg) is not called on the implied values.
       *
       * @example
       * program
       *   .addOption(new Option('--log', 'write logging information to file'))
       *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
       *
       * @param {object} impliedOptionValues
       * @return {Option}
       */
      implies(impliedOptionValues) {
        let newImplied = impliedOptionValues;
        return typeof impliedOptionValues == "string" && (newImplied = { [impliedOptionValues]: !0 }), this.implied = Object.assign(this.implied || {}, newImplied), this;
      }
      /**
       * Set environment variable to check for option value.
       *
       * An environment variable is only used if when processed the current option value is
       * undefined, or the source of the current value is 'default' or 'config' or 'env'.
       *
       * @param {string} name
       * @return {Option}
       */
      env(name) {
        return this.envVar = name, this;
      }
      /**
       * Set the custom handler for processing CLI option arguments into option values.
       *
       * @param {Function} [fn]
       * @return {Option}
       */
      argParser(fn) {
        return this.parseArg = fn, this;
      }
      /**
       * Whether the option is mandatory and must have a value after parsing.
       *
       * @param {boolean} [mandatory=true]
       * @return {Option}
       */
      makeOptionMandatory(mandatory = !0) {
        return this.mandatory = !!mandatory, this;
      }
      /**
       * Hide option in help.
       *
       * @param {boolean} [hide=true]
       * @return {Option}
       */
      hideHelp(hide = !0) {
        return this.hidden = !!hide, this;
      }
      /**
       * @package
       */
      _concatValue(value, previous) {
        return previous === this.defaultValue || !Array.isArray(previous) ? [value] : previous.concat(value);
      }
      /**
       * Only allow option value to be one of choices.
       *
       * @param {string[]} values
       * @return {Option}
       */
      choices(values) {
        return this.argChoices = values.slice(), this.parseArg = (arg, previous) => {
          if (!this.argChoices.includes(arg))
            throw new InvalidArgumentError2(
              `Allowed choices are ${this.argChoices.join(", ")}.`
            );
          return this.variadic ? this._concatValue(arg, previous) : arg;
        }, this;
      }
      /**
       * Return option name.
       *
       * @return {string}
       */
      name() {
        return this.long ? this.long.replace(/^--/, "") : this.short.replace(/^-/, "");
      }
      /**
       * Return option name, in a camelcase format that can be used
       * as an object attribute key.
       *
       * @return {string}
       */
      attributeName() {
        return this.negate ? camelcase(this.name().replace(/^no-/, "")) : camelcase(this.name());
      }
      /**
       * Check if `arg` matches the short or long flag.
       *
       * @param {string} arg
       * @return {boolean}
       * @package
       */
      is(arg) {
        return this.short === arg || this.long === arg;
      }
      /**
       * Return whether a boolean option.
       *
       * Options are one of boolean, negated, required argument, or optional argument.
       *
       * @return {boolean}
       * @package
       */
      isBoolean() {
        return !this.required && !this.optional && !this.negate;
      }
    }, DualOptions = class {
      /**
       * @param {Option[]} options
       */
      constructor(options) {
        this.positiveOptions = /* @__PURE__ */ new Map(), this.negativeOptions = /* @__PURE__ */ new Map(), this.dualOptions = /* @__PURE__ */ new Set(), options.forEach((option) => {
          option.negate ? this.negativeOptions.set(option.attributeName(), option) : this.positiveOptions.set(option.attributeName(), option);
        }), this.negativeOptions.forEach((value, key2) => {
          this.positiveOptions.has(key2) && this.dualOptions.add(key2);
        });
      }
      /**
       * Did the value come from the option, and not from possible matching dual option?
       *
       * @param {*} value
       * @param {Option} option
       * @returns {boolean}
       */
      valueFromOption(value, option) {
        let optionKey = option.attributeName();
        if (!this.dualOptions.has(optionKey)) return !0;
        let preset = this.negativeOptions.get(optionKey).presetArg, negativeValue = preset !== void 0 ? preset : !1;
        return option.negate === (negativeValue === value);
      }
    };
    function camelcase(str) {
      return str.split("-").reduce((str2, word) => str2 + word[0].toUpperCase() + word.slice(1));
    }
    function splitOptionFlags(flags) {
      let shortFlag, longFlag, shortFlagExp = /^-[^-]$/, longFlagExp = /^--[^-]/, flagParts = flags.split(/[ |,]+/).concat("guard");
      if (shortFlagExp.test(flagParts[0]) && (shortFlag = flagParts.shift()), longFlagExp.test(flagParts[0]) && (longFlag = flagParts.shift()), !shortFlag && shortFlagExp.test(flagParts[0]) && (shortFlag = flagParts.shift()), !shortFlag && longFlagExp.test(flagParts[0]) && (shortFlag = longFlag, longFlag = flagParts.shift()), flagParts[0].startsWith("-")) {
        let unsupportedFlag = flagParts[0], baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
        throw /^-[^-][^-]/.test(unsupportedFlag) ? new Error(
          `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`
        ) : shortFlagExp.test(unsupportedFlag) ? new Error(`${baseError}
- too many short flags`) : longFlagExp.test(unsupportedFlag) ? new Error(`${baseError}
- too many long flags`) : new Error(`${baseError}
- unrecognised flag format`);
      }
      if (shortFlag === void 0 && longFlag === void 0)
        throw new Error(
          `option creation failed due to no flags found in '${flags}'.`
        );
      return { shortFlag, longFlag };
    }
    exports2.Option = Option2;
    exports2.DualOptions = DualOptions;
  }
});

// node_modules/commander/lib/suggestSimilar.js
var require_suggestSimilar = __commonJS({
  "node_modules/commander/lib/suggestSimilar.js"(exports2) {
    function editDistance(a, b) {
      if (Math.abs(a.length - b.length) > 3)
        return Math.max(a.length, b.length);
      let d = [];
      for (let i = 0; i <= a.length; i++)
        d[i] = [i];
      for (let j = 0; j <= b.length; j++)
        d[0][j] = j;
      for (let j = 1; j <= b.length; j++)
        for (let i = 1; i <= a.length; i++) {
          let cost = 1;
          a[i - 1] === b[j - 1] ? cost = 0 : cost = 1, d[i][j] = Math.min(
            d[i - 1][j] + 1,
            // deletion
            d[i][j - 1] + 1,
            // insertion
            d[i - 1][j - 1] + cost
            // substitution
          ), i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] && (d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1));
        }
      return d[a.length][b.length];
    }
    function suggestSimilar(word, candidates) {
      if (!candidates || candidates.length === 0) return "";
      candidates = Array.from(new Set(candidates));
      let searchingOptions = word.startsWith("--");
      searchingOptions && (word = word.slice(2), candidates = candidates.map((candidate) => candidate.slice(2)));
      let similar = [], bestDistance = 3, minSimilarity = 0.4;
      return candidates.forEach((candidate) => {
        if (candidate.length <= 1) return;
        let distance = editDistance(word, candidate), length = Math.max(word.length, candidate.length);
        (length - distance) / length > minSimilarity && (distance < bestDistance ? (bestDistance = distance, similar = [candidate]) : distance === bestDistance && similar.push(candidate));
      }), similar.sort((a, b) => a.localeCompare(b)), searchingOptions && (similar = similar.map((candidate) => `--${candidate}`)), similar.length > 1 ? `
(Did you mean one of ${similar.join(", ")}?)` : similar.length === 1 ? `
(Did you mean ${similar[0]}?)` : "";
    }
    exports2.suggestSimilar = suggestSimilar;
  }
});

// node_modules/commander/lib/command.js
var require_command = __commonJS({
  "node_modules/commander/lib/command.js"(exports2) {
    var EventEmitter = require("node:events").EventEmitter, childProcess = require("node:child_process"), path36 = require("node:path"), fs44 = require("node:fs"), process2 = require("node:process"), { Argument: Argument2, humanReadableArgName } = require_argument(), { CommanderError: CommanderError2 } = require_error(), { Help: Help2, stripColor } = require_help(), { Option: Option2, DualOptions } = require_option(), { suggestSimilar } = require_suggestSimilar(), Command2 = class _Command extends EventEmitter {
      /**
       * Initialize a new `Command`.
       *
       * @param {string} [name]
       */
      constructor(name) {
        super(), this.commands = [], this.options = [], this.parent = null, this._allowUnknownOption = !1, this._allowExcessArguments = !1, this.registeredArguments = [], this._args = this.registeredArguments, this.args = [], this.rawArgs = [], this.processedArgs = [], this._scriptPath = null, this._name = name || "", this._optionValues = {}, this._optionValueSources = {}, this._storeOptionsAsProperties = !1, this._actionHandler = null, this._executableHandler = !1, this._executableFile = null, this._executableDir = null, this._defaultCommandName = null, this._exitCallback = null, this._aliases = [], this._combineFlagAndOptionalValue = !0, this._description = "", this._summary = "", this._argsDescription = void 0, this._enablePositionalOptions = !1, this._passThroughOptions = !1, this._lifeCycleHooks = {}, this._showHelpAfterError = !1, this._showSuggestionAfterError = !0, this._savedState = null, this._outputConfiguration = {
          writeOut: (str) => process2.stdout.write(str),
          writeErr: (str) => process2.stderr.write(str),
          outputError: (str, write) => write(str),
          getOutHelpWidth: () => process2.stdout.isTTY ? process2.stdout.columns : void 0,
          getErrHelpWidth: () => process2.stderr.isTTY ? process2.stderr.columns : void 0,
          getOutHasColors: () => useColor() ?? (process2.stdout.isTTY && process2.stdout.hasColors?.()),
          getErrHasColors: () => useColor() ?? (process2.stderr.isTTY && process2.stderr.hasColors?.()),
          stripColor: (str) => stripColor(str)
        }, this._hidden = !1, this._helpOption = void 0, this._addImplicitHelpCommand = void 0, this._helpCommand = void 0, this._helpConfiguration = {};
      }
      /**
       * Copy settings that are useful to have in common across root command and subcommands.
       *
       * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
       *
       * @param {Command} sourceCommand
       * @return {Command} `this` command for chaining
       */
      copyInheritedSettings(sourceCommand) {
        return this._outputConfiguration = sourceCommand._outputConfiguration, this._helpOption = sourceCommand._helpOption, this._helpCommand = sourceCommand._helpCommand, this._helpConfiguration = sourceCommand._helpConfiguration, this._exitCallback = sourceCommand._exitCallback, this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties, this._combineFlagAndOptionalValue = sourceCommand._combineFlagAndOptionalValue, this._allowExcessArguments = sourceCommand._allowExcessArguments, this._enablePositionalOptions = sourceCommand._enablePositionalOptions, this._showHelpAfterError = sourceCommand._showHelpAfterError, this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError, this;
      }
      /**
       * @returns {Command[]}
       * @private
       */
      _getCommandAndAncestors() {
        let result = [];
        for (let command = this; command; command = command.parent)
          result.push(command);
        return result;
      }
      /**
       * Define a command.
       *
       * There are two styles of command: pay attention to where to put the description.
       *
       * @example
       * // Command implemented using action handler (description is supplied separately to `.command`)
       * program
       *   .command('clone <source> [destination]')
       *   .description('clone a repository into a newly created directory')
       *   .action((source, destination) => {
       *     console.log('clone command called');
       *   });
       *
       * // Command implemented using separate executable file (description is second parameter to `.command`)
       * program
       *   .command('start <service>', 'start named service')
       *   .command('stop [service]', 'stop named service, or all if no name supplied');
       *
       * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
       * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
       * @param {object} [execOpts] - configuration options (for executable)
       * @return {Command} returns new command for action handler, or `this` for executable command
       */
      command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
        let desc = actionOptsOrExecDesc, opts = execOpts;
        typeof desc == "object" && desc !== null && (opts = desc, desc = null), opts = opts || {};
        let [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/), cmd = this.createCommand(name);
        return desc && (cmd.description(desc), cmd._executableHandler = !0), opts.isDefault && (this._defaultCommandName = cmd._name), cmd._hidden = !!(opts.noHelp || opts.hidden), cmd._executableFile = opts.executableFile || null, args && cmd.arguments(args), this._registerCommand(cmd), cmd.parent = this, cmd.copyInheritedSettings(this), desc ? this : cmd;
      }
      /**
       * Factory routine to create a new unattached command.
       *
       * See .command() for creating an attached subcommand, which uses this routine to
       * create the command. You can override createCommand to customise subcommands.
       *
       * @param {string} [name]
       * @return {Command} new command
       */
      createCommand(name) {
        return new _Command(name);
      }
      /**
       * You can customise the help with a subclass of Help by overriding createHelp,
       * or by overriding Help properties using configureHelp().
       *
       * @return {Help}
       */
      createHelp() {
        return Object.assign(new Help2(), this.configureHelp());
      }
      /**
       * You can customise the help by overriding Help properties using configureHelp(),
       * or with a subclass of Help by overriding createHelp().
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureHelp(configuration) {
        return configuration === void 0 ? this._helpConfiguration : (this._helpConfiguration = configuration, this);
      }
      /**
       * The default output goes to stdout and stderr. You can customise this for special
       * applications. You can also customise the display of errors by overriding outputError.
       *
       * The configuration properties are all functions:
       *
       *     // change how output being written, defaults to stdout and stderr
       *     writeOut(str)
       *     writeErr(str)
       *     // change how output being written for errors, defaults to writeErr
       *     outputError(str, write) // used for displaying errors and not used for displaying help
       *     // specify width for wrapping help
       *     getOutHelpWidth()
       *     getErrHelpWidth()
       *     // color support, currently only used with Help
       *     getOutHasColors()
       *     getErrHasColors()
       *     stripColor() // used to remove ANSI escape codes if output does not have colors
       *
       * @param {object} [configuration] - configuration options
       * @return {(Command | object)} `this` command for chaining, or stored configuration
       */
      configureOutput(configuration) {
        return configuration === void 0 ? this._outputConfiguration : (Object.assign(this._outputConfiguration, configuration), this);
      }
      /**
       * Display the help or a custom message after an error occurs.
       *
       * @param {(boolean|string)} [displayHelp]
       * @return {Command} `this` command for chaining
       */
      showHelpAfterError(displayHelp = !0) {
        return typeof displayHelp != "string" && (displayHelp = !!displayHelp), this._showHelpAfterError = displayHelp, this;
      }
      /**
       * Display suggestion of similar commands for unknown commands, or options for unknown options.
       *
       * @param {boolean} [displaySuggestion]
       * @return {Command} `this` command for chaining
       */
      showSuggestionAfterError(displaySuggestion = !0) {
        return this._showSuggestionAfterError = !!displaySuggestion, this;
      }
      /**
       * Add a prepared subcommand.
       *
       * See .command() for creating an attached subcommand which inherits settings from its parent.
       *
       * @param {Command} cmd - new subcommand
       * @param {object} [opts] - configuration options
       * @return {Command} `this` command for chaining
       */
      addCommand(cmd, opts) {
        if (!cmd._name)
          throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
        return opts = opts || {}, opts.isDefault && (this._defaultCommandName = cmd._name), (opts.noHelp || opts.hidden) && (cmd._hidden = !0), this._registerCommand(cmd), cmd.parent = this, cmd._checkForBrokenPassThrough(), this;
      }
      /**
       * Factory routine to create a new unattached argument.
       *
       * See .argument() for creating an attached argument, which uses this routine to
       * create the argument. You can override createArgument to return a custom argument.
       *
       * @param {string} name
       * @param {string} [description]
       * @return {Argument} new argument
       */
      createArgument(name, description) {
        return new Argument2(name, description);
      }
      /**
       * Define argument syntax for command.
       *
       * The default is that the argument is required, and you can explicitly
       * indicate this with <> around the name. Put [] around the name for an optional argument.
       *
       * @example
       * program.argument('<input-file>');
       * program.argument('[output-file]');
       *
       * @param {string} name
       * @param {string} [description]
       * @param {(Function|*)} [fn] - custom argument processing function
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      argument(name, description, fn, defaultValue) {
        let argument = this.createArgument(name, description);
        return typeof fn == "function" ? argument.default(defaultValue).argParser(fn) : argument.default(fn), this.addArgument(argument), this;
      }
      /**
       * Define argument syntax for command, adding multiple at once (without descriptions).
       *
       * See also .argument().
       *
       * @example
       * program.arguments('<cmd> [env]');
       *
       * @param {string} names
       * @return {Command} `this` command for chaining
       */
      arguments(names) {
        return names.trim().split(/ +/).forEach((detail) => {
          this.argument(detail);
        }), this;
      }
      /**
       * Define argument syntax for command, adding a prepared argument.
       *
       * @param {Argument} argument
       * @return {Command} `this` command for chaining
       */
      addArgument(argument) {
        let previousArgument = this.registeredArguments.slice(-1)[0];
        if (previousArgument && previousArgument.variadic)
          throw new Error(
            `only the last argument can be variadic '${previousArgument.name()}'`
          );
        if (argument.required && argument.defaultValue !== void 0 && argument.parseArg === void 0)
          throw new Error(
            `a default value for a required argument is never used: '${argument.name()}'`
          );
        return this.registeredArguments.push(argument), this;
      }
      /**
       * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
       *
       * @example
       *    program.helpCommand('help [cmd]');
       *    program.helpCommand('help [cmd]', 'show help');
       *    program.helpCommand(false); // suppress default help command
       *    program.helpCommand(true); // add help command even if no subcommands
       *
       * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
       * @param {string} [description] - custom description
       * @return {Command} `this` command for chaining
       */
      helpCommand(enableOrNameAndArgs, description) {
        if (typeof enableOrNameAndArgs == "boolean")
          return this._addImplicitHelpCommand = enableOrNameAndArgs, this;
        enableOrNameAndArgs = enableOrNameAndArgs ?? "help [command]";
        let [, helpName, helpArgs] = enableOrNameAndArgs.match(/([^ ]+) *(.*)/), helpDescription = description ?? "display help for command", helpCommand = this.createCommand(helpName);
        return helpCommand.helpOption(!1), helpArgs && helpCommand.arguments(helpArgs), helpDescription && helpCommand.description(helpDescription), this._addImplicitHelpCommand = !0, this._helpCommand = helpCommand, this;
      }
      /**
       * Add prepared custom help command.
       *
       * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
       * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
       * @return {Command} `this` command for chaining
       */
      addHelpCommand(helpCommand, deprecatedDescription) {
        return typeof helpCommand != "object" ? (this.helpCommand(helpCommand, deprecatedDescription), this) : (this._addImplicitHelpCommand = !0, this._helpCommand = helpCommand, this);
      }
      /**
       * Lazy create help command.
       *
       * @return {(Command|null)}
       * @package
       */
      _getHelpCommand() {
        return this._addImplicitHelpCommand ?? (this.commands.length && !this._actionHandler && !this._findCommand("help")) ? (this._helpCommand === void 0 && this.helpCommand(void 0, void 0), this._helpCommand) : null;
      }
      /**
       * Add hook for life cycle event.
       *
       * @param {string} event
       * @param {Function} listener
       * @return {Command} `this` command for chaining
       */
      hook(event, listener) {
        let allowedValues = ["preSubcommand", "preAction", "postAction"];
        if (!allowedValues.includes(event))
          throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
        return this._lifeCycleHooks[event] ? this._lifeCycleHooks[event].push(listener) : this._lifeCycleHooks[event] = [listener], this;
      }
      /**
       * Register callback to use as replacement for calling process.exit.
       *
       * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
       * @return {Command} `this` command for chaining
       */
      exitOverride(fn) {
        return fn ? this._exitCallback = fn : this._exitCallback = (err) => {
          if (err.code !== "commander.executeSubCommandAsync")
            throw err;
        }, this;
      }
      /**
       * Call process.exit, and _exitCallback if defined.
       *
       * @param {number} exitCode exit code for using with process.exit
       * @param {string} code an id string representing the error
       * @param {string} message human-readable description of the error
       * @return never
       * @private
       */
      _exit(exitCode, code, message2) {
        this._exitCallback && this._exitCallback(new CommanderError2(exitCode, code, message2)), process2.exit(exitCode);
      }
      /**
       * Register callback `fn` for the command.
       *
       * @example
       * program
       *   .command('serve')
       *   .description('start service')
       *   .action(function() {
       *      // do work here
       *   });
       *
       * @param {Function} fn
       * @return {Command} `this` command for chaining
       */
      action(fn) {
        let listener = (args) => {
          let expectedArgsCount = this.registeredArguments.length, actionArgs = args.slice(0, expectedArgsCount);
          return this._storeOptionsAsProperties ? actionArgs[expectedArgsCount] = this : actionArgs[expectedArgsCount] = this.opts(), actionArgs.push(this), fn.apply(this, actionArgs);
        };
        return this._actionHandler = listener, this;
      }
      /**
       * Factory routine to create a new unattached option.
       *
       * See .option() for creating an attached option, which uses this routine to
       * create the option. You can override createOption to return a custom option.
       *
       * @param {string} flags
       * @param {string} [description]
       * @return {Option} new option
       */
      createOption(flags, description) {
        return new Option2(flags, description);
      }
      /**
       * Wrap parseArgs to catch 'commander.invalidArgument'.
       *
       * @param {(Option | Argument)} target
       * @param {string} value
       * @param {*} previous
       * @param {string} invalidArgumentMessage
       * @private
       */
      _callParseArg(target, value, previous, invalidArgumentMessage) {
        try {
          return target.parseArg(value, previous);
        } catch (err) {
          if (err.code === "commander.invalidArgument") {
            let message2 = `${invalidArgumentMessage} ${err.message}`;
            this.error(message2, { exitCode: err.exitCode, code: err.code });
          }
          throw err;
        }
      }
      /**
       * Check for option flag conflicts.
       * Register option if no conflicts found, or throw on conflict.
       *
       * @param {Option} option
       * @private
       */
      _registerOption(option) {
        let matchingOption = option.short && this._findOption(option.short) || option.long && this._findOption(option.long);
        if (matchingOption) {
          let matchingFlag = option.long && this._findOption(option.long) ? option.long : option.short;
          throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
        }
        this.options.push(option);
      }
      /**
       * Check for command name and alias conflicts with existing commands.
       * Register command if no conflicts found, or throw on conflict.
       *
       * @param {Command} command
       * @private
       */
      _registerCommand(command) {
        let knownBy = (cmd) => [cmd.name()].concat(cmd.aliases()), alreadyUsed = knownBy(command).find(
          (name) => this._findCommand(name)
        );
        if (alreadyUsed) {
          let existingCmd = knownBy(this._findCommand(alreadyUsed)).join("|"), newCmd = knownBy(command).join("|");
          throw new Error(
            `cannot add command '${newCmd}' as already have command '${existingCmd}'`
          );
        }
        this.commands.push(command);
      }
      /**
       * Add an option.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addOption(option) {
        this._registerOption(option);
        let oname = option.name(), name = option.attributeName();
        if (option.negate) {
          let positiveLongFlag = option.long.replace(/^--no-/, "--");
          this._findOption(positiveLongFlag) || this.setOptionValueWithSource(
            name,
            option.defaultValue === void 0 ? !0 : option.defaultValue,
            "default"
          );
        } else option.defaultValue !== void 0 && this.setOptionValueWithSource(name, option.defaultValue, "default");
        let handleOptionValue = (val, invalidValueMessage, valueSource) => {
          val == null && option.presetArg !== void 0 && (val = option.presetArg);
          let oldValue = this.getOptionValue(name);
          val !== null && option.parseArg ? val = this._callParseArg(option, val, oldValue, invalidValueMessage) : val !== null && option.variadic && (val = option._concatValue(val, oldValue)), val == null && (option.negate ? val = !1 : option.isBoolean() || option.optional ? val = !0 : val = ""), this.setOptionValueWithSource(name, val, valueSource);
        };
        return this.on("option:" + oname, (val) => {
          let invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "cli");
        }), option.envVar && this.on("optionEnv:" + oname, (val) => {
          let invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
          handleOptionValue(val, invalidValueMessage, "env");
        }), this;
      }
      /**
       * Internal implementation shared by .option() and .requiredOption()
       *
       * @return {Command} `this` command for chaining
       * @private
       */
      _optionEx(config, flags, description, fn, defaultValue) {
        if (typeof flags == "object" && flags instanceof Option2)
          throw new Error(
            "To add an Option object use addOption() instead of option() or requiredOption()"
          );
        let option = this.createOption(flags, description);
        if (option.makeOptionMandatory(!!config.mandatory), typeof fn == "function")
          option.default(defaultValue).argParser(fn);
        else if (fn instanceof RegExp) {
          let regex = fn;
          fn = (val, def) => {
            let m = regex.exec(val);
            return m ? m[0] : def;
          }, option.default(defaultValue).argParser(fn);
        } else
          option.default(fn);
        return this.addOption(option);
      }
      /**
       * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
       * option-argument is indicated by `<>` and an optional option-argument by `[]`.
       *
       * See the README for more details, and see also addOption() and requiredOption().
       *
       * @example
       * program
       *     .option('-p, --pepper', 'add pepper')
       *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
       *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
       *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      option(flags, description, parseArg, defaultValue) {
        return this._optionEx({}, flags, description, parseArg, defaultValue);
      }
      /**
       * Add a required option which must have a value after parsing. This usually means
       * the option must be specified on the command line. (Otherwise the same as .option().)
       *
       * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
       *
       * @param {string} flags
       * @param {string} [description]
       * @param {(Function|*)} [parseArg] - custom option processing function or default value
       * @param {*} [defaultValue]
       * @return {Command} `this` command for chaining
       */
      requiredOption(flags, description, parseArg, defaultValue) {
        return this._optionEx(
          { mandatory: !0 },
          flags,
          description,
          parseArg,
          defaultValue
        );
      }
      /**
       * Alter parsing of short flags with optional values.
       *
       * @example
       * // for `.option('-f,--flag [value]'):
       * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
       * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
       *
       * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
       * @return {Command} `this` command for chaining
       */
      combineFlagAndOptionalValue(combine = !0) {
        return this._combineFlagAndOptionalValue = !!combine, this;
      }
      /**
       * Allow unknown options on the command line.
       *
       * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
       * @return {Command} `this` command for chaining
       */
      allowUnknownOption(allowUnknown = !0) {
        return this._allowUnknownOption = !!allowUnknown, this;
      }
      /**
       * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
       *
       * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
       * @return {Command} `this` command for chaining
       */
      allowExcessArguments(allowExcess = !0) {
        return this._allowExcessArguments = !!allowExcess, this;
      }
      /**
       * Enable positional options. Positional means global options are specified before subcommands which lets
       * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
       * The default behaviour is non-positional and global options may appear anywhere on the command line.
       *
       * @param {boolean} [positional]
       * @return {Command} `this` command for chaining
       */
      enablePositionalOptions(positional = !0) {
        return this._enablePositionalOptions = !!positional, this;
      }
      /**
       * Pass through options that come after command-arguments rather than treat them as command-options,
       * so actual command-options come before command-arguments. Turning this on for a subcommand requires
       * positional options to have been enabled on the program (parent commands).
       * The default behaviour is non-positional and options may appear before or after command-arguments.
       *
       * @param {boolean} [passThrough] for unknown options.
       * @return {Command} `this` command for chaining
       */
      passThroughOptions(passThrough = !0) {
        return this._passThroughOptions = !!passThrough, this._checkForBrokenPassThrough(), this;
      }
      /**
       * @private
       */
      _checkForBrokenPassThrough() {
        if (this.parent && this._passThroughOptions && !this.parent._enablePositionalOptions)
          throw new Error(
            `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`
          );
      }
      /**
       * Whether to store option values as properties on command object,
       * or store separately (specify false). In both cases the option values can be accessed using .opts().
       *
       * @param {boolean} [storeAsProperties=true]
       * @return {Command} `this` command for chaining
       */
      storeOptionsAsProperties(storeAsProperties = !0) {
        if (this.options.length)
          throw new Error("call .storeOptionsAsProperties() before adding options");
        if (Object.keys(this._optionValues).length)
          throw new Error(
            "call .storeOptionsAsProperties() before setting option values"
          );
        return this._storeOptionsAsProperties = !!storeAsProperties, this;
      }
      /**
       * Retrieve option value.
       *
       * @param {string} key
       * @return {object} value
       */
      getOptionValue(key2) {
        return this._storeOptionsAsProperties ? this[key2] : this._optionValues[key2];
      }
      /**
       * Store option value.
       *
       * @param {string} key
       * @param {object} value
       * @return {Command} `this` command for chaining
       */
      setOptionValue(key2, value) {
        return this.setOptionValueWithSource(key2, value, void 0);
      }
      /**
       * Store option value and where the value came from.
       *
       * @param {string} key
       * @param {object} value
       * @param {string} source - expected values are default/config/env/cli/implied
       * @return {Command} `this` command for chaining
       */
      setOptionValueWithSource(key2, value, source) {
        return this._storeOptionsAsProperties ? this[key2] = value : this._optionValues[key2] = value, this._optionValueSources[key2] = source, this;
      }
      /**
       * Get source of option value.
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSource(key2) {
        return this._optionValueSources[key2];
      }
      /**
       * Get source of option value. See also .optsWithGlobals().
       * Expected values are default | config | env | cli | implied
       *
       * @param {string} key
       * @return {string}
       */
      getOptionValueSourceWithGlobals(key2) {
        let source;
        return this._getCommandAndAncestors().forEach((cmd) => {
          cmd.getOptionValueSource(key2) !== void 0 && (source = cmd.getOptionValueSource(key2));
        }), source;
      }
      /**
       * Get user arguments from implied or explicit arguments.
       * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
       *
       * @private
       */
      _prepareUserArgs(argv, parseOptions) {
        if (argv !== void 0 && !Array.isArray(argv))
          throw new Error("first parameter to parse must be array or undefined");
        if (parseOptions = parseOptions || {}, argv === void 0 && parseOptions.from === void 0) {
          process2.versions?.electron && (parseOptions.from = "electron");
          let execArgv = process2.execArgv ?? [];
          (execArgv.includes("-e") || execArgv.includes("--eval") || execArgv.includes("-p") || execArgv.includes("--print")) && (parseOptions.from = "eval");
        }
        argv === void 0 && (argv = process2.argv), this.rawArgs = argv.slice();
        let userArgs;
        switch (parseOptions.from) {
          case void 0:
          case "node":
            this._scriptPath = argv[1], userArgs = argv.slice(2);
            break;
          case "electron":
            process2.defaultApp ? (this._scriptPath = argv[1], userArgs = argv.slice(2)) : userArgs = argv.slice(1);
            break;
          case "user":
            userArgs = argv.slice(0);
            break;
          case "eval":
            userArgs = argv.slice(1);
            break;
          default:
            throw new Error(
              `unexpected parse option { from: '${parseOptions.from}' }`
            );
        }
        return !this._name && this._scriptPath && this.nameFromFilename(this._scriptPath), this._name = this._name || "program", userArgs;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Use parseAsync instead of parse if any of your action handlers are async.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * program.parse(); // parse process.argv and auto-detect electron and special node flags
       * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
       * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv] - optional, defaults to process.argv
       * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
       * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
       * @return {Command} `this` command for chaining
       */
      parse(argv, parseOptions) {
        this._prepareForParse();
        let userArgs = this._prepareUserArgs(argv, parseOptions);
        return this._parseCommand([], userArgs), this;
      }
      /**
       * Parse `argv`, setting options and invoking commands when defined.
       *
       * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
       *
       * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
       * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
       * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
       * - `'user'`: just user arguments
       *
       * @example
       * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
       * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
       * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
       *
       * @param {string[]} [argv]
       * @param {object} [parseOptions]
       * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
       * @return {Promise}
       */
      async parseAsync(argv, parseOptions) {
        this._prepareForParse();
        let userArgs = this._prepareUserArgs(argv, parseOptions);
        return await this._parseCommand([], userArgs), this;
      }
      _prepareForParse() {
        this._savedState === null ? this.saveStateBeforeParse() : this.restoreStateBeforeParse();
      }
      /**
       * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state saved.
       */
      saveStateBeforeParse() {
        this._savedState = {
          // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
          _name: this._name,
          // option values before parse have default values (including false for negated options)
          // shallow clones
          _optionValues: { ...this._optionValues },
          _optionValueSources: { ...this._optionValueSources }
        };
      }
      /**
       * Restore state before parse for calls after the first.
       * Not usually called directly, but available for subclasses to save their custom state.
       *
       * This is called in a lazy way. Only commands used in parsing chain will have state restored.
       */
      restoreStateBeforeParse() {
        if (this._storeOptionsAsProperties)
          throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);
        this._name = this._savedState._name, this._scriptPath = null, this.rawArgs = [], this._optionValues = { ...this._savedState._optionValues }, this._optionValueSources = { ...this._savedState._optionValueSources }, this.args = [], this.processedArgs = [];
      }
      /**
       * Throw if expected executable is missing. Add lots of help for author.
       *
       * @param {string} executableFile
       * @param {string} executableDir
       * @param {string} subcommandName
       */
      _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
        if (fs44.existsSync(executableFile)) return;
        let executableDirMessage = executableDir ? `searched for local subcommand relative to directory '${executableDir}'` : "no directory for search for local subcommand, use .executableDir() to supply a custom directory", executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
        throw new Error(executableMissing);
      }
      /**
       * Execute a sub-command executable.
       *
       * @private
       */
      _executeSubCommand(subcommand, args) {
        args = args.slice();
        let launchWithNode = !1, sourceExt = [".js", ".ts", ".tsx", ".mjs", ".cjs"];
        function findFile(baseDir, baseName) {
          let localBin = path36.resolve(baseDir, baseName);
          if (fs44.existsSync(localBin)) return localBin;
          if (sourceExt.includes(path36.extname(baseName))) return;
          let foundExt = sourceExt.find(
            (ext) => fs44.existsSync(`${localBin}${ext}`)
          );
          if (foundExt) return `${localBin}${foundExt}`;
        }
        this._checkForMissingMandatoryOptions(), this._checkForConflictingOptions();
        let executableFile = subcommand._executableFile || `${this._name}-${subcommand._name}`, executableDir = this._executableDir || "";
        if (this._scriptPath) {
          let resolvedScriptPath;
          try {
            resolvedScriptPath = fs44.realpathSync(this._scriptPath);
          } catch {
            resolvedScriptPath = this._scriptPath;
          }
          executableDir = path36.resolve(
            path36.dirname(resolvedScriptPath),
            executableDir
          );
        }
        if (executableDir) {
          let localFile = findFile(executableDir, executableFile);
          if (!localFile && !subcommand._executableFile && this._scriptPath) {
            let legacyName = path36.basename(
              this._scriptPath,
              path36.extname(this._scriptPath)
            );
            legacyName !== this._name && (localFile = findFile(
              executableDir,
              `${legacyName}-${subcommand._name}`
            ));
          }
          executableFile = localFile || executableFile;
        }
        launchWithNode = sourceExt.includes(path36.extname(executableFile));
        let proc;
        process2.platform !== "win32" ? launchWithNode ? (args.unshift(executableFile), args = incrementNodeInspectorPort(process2.execArgv).concat(args), proc = childProcess.spawn(process2.argv[0], args, { stdio: "inherit" })) : proc = childProcess.spawn(executableFile, args, { stdio: "inherit" }) : (this._checkForMissingExecutable(
          executableFile,
          executableDir,
          subcommand._name
        ), args.unshift(executableFile), args = incrementNodeInspectorPort(process2.execArgv).concat(args), proc = childProcess.spawn(process2.execPath, args, { stdio: "inherit" })), proc.killed || ["SIGUSR1", "SIGUSR2", "SIGTERM", "SIGINT", "SIGHUP"].forEach((signal) => {
          process2.on(signal, () => {
            proc.killed === !1 && proc.exitCode === null && proc.kill(signal);
          });
        });
        let exitCallback = this._exitCallback;
        proc.on("close", (code) => {
          code = code ?? 1, exitCallback ? exitCallback(
            new CommanderError2(
              code,
              "commander.executeSubCommandAsync",
              "(close)"
            )
          ) : process2.exit(code);
        }), proc.on("error", (err) => {
          if (err.code === "ENOENT")
            this._checkForMissingExecutable(
              executableFile,
              executableDir,
              subcommand._name
            );
          else if (err.code === "EACCES")
            throw new Error(`'${executableFile}' not executable`);
          if (!exitCallback)
            process2.exit(1);
          else {
            let wrappedError = new CommanderError2(
              1,
              "commander.executeSubCommandAsync",
              "(error)"
            );
            wrappedError.nestedError = err, exitCallback(wrappedError);
          }
        }), this.runningCommand = proc;
      }
      /**
       * @private
       */
      _dispatchSubcommand(commandName, operands, unknown) {
        let subCommand = this._findCommand(commandName);
        subCommand || this.help({ error: !0 }), subCommand._prepareForParse();
        let promiseChain;
        return promiseChain = this._chainOrCallSubCommandHook(
          promiseChain,
          subCommand,
          "preSubcommand"
        ), promiseChain = this._chainOrCall(promiseChain, () => {
          if (subCommand._executableHandler)
            this._executeSubCommand(subCommand, operands.concat(unknown));
          else
            return subCommand._parseCommand(operands, unknown);
        }), promiseChain;
      }
      /**
       * Invoke help directly if possible, or dispatch if necessary.
       * e.g. help foo
       *
       * @private
       */
      _dispatchHelpCommand(subcommandName) {
        subcommandName || this.help();
        let subCommand = this._findCommand(subcommandName);
        return subCommand && !subCommand._executableHandler && subCommand.help(), this._dispatchSubcommand(
          subcommandName,
          [],
          [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? "--help"]
        );
      }
      /**
       * Check this.args against expected this.registeredArguments.
       *
       * @private
       */
      _checkNumberOfArguments() {
        this.registeredArguments.forEach((arg, i) => {
          arg.required && this.args[i] == null && this.missingArgument(arg.name());
        }), !(this.registeredArguments.length > 0 && this.registeredArguments[this.registeredArguments.length - 1].variadic) && this.args.length > this.registeredArguments.length && this._excessArguments(this.args);
      }
      /**
       * Process this.args using this.registeredArguments and save as this.processedArgs!
       *
       * @private
       */
      _processArguments() {
        let myParseArg = (argument, value, previous) => {
          let parsedValue = value;
          if (value !== null && argument.parseArg) {
            let invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
            parsedValue = this._callParseArg(
              argument,
              value,
              previous,
              invalidValueMessage
            );
          }
          return parsedValue;
        };
        this._checkNumberOfArguments();
        let processedArgs = [];
        this.registeredArguments.forEach((declaredArg, index) => {
          let value = declaredArg.defaultValue;
          declaredArg.variadic ? index < this.args.length ? (value = this.args.slice(index), declaredArg.parseArg && (value = value.reduce((processed, v) => myParseArg(declaredArg, v, processed), declaredArg.defaultValue))) : value === void 0 && (value = []) : index < this.args.length && (value = this.args[index], declaredArg.parseArg && (value = myParseArg(declaredArg, value, declaredArg.defaultValue))), processedArgs[index] = value;
        }), this.processedArgs = processedArgs;
      }
      /**
       * Once we have a promise we chain, but call synchronously until then.
       *
       * @param {(Promise|undefined)} promise
       * @param {Function} fn
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCall(promise, fn) {
        return promise && promise.then && typeof promise.then == "function" ? promise.then(() => fn()) : fn();
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallHooks(promise, event) {
        let result = promise, hooks = [];
        return this._getCommandAndAncestors().reverse().filter((cmd) => cmd._lifeCycleHooks[event] !== void 0).forEach((hookedCommand) => {
          hookedCommand._lifeCycleHooks[event].forEach((callback) => {
            hooks.push({ hookedCommand, callback });
          });
        }), event === "postAction" && hooks.reverse(), hooks.forEach((hookDetail) => {
          result = this._chainOrCall(result, () => hookDetail.callback(hookDetail.hookedCommand, this));
        }), result;
      }
      /**
       *
       * @param {(Promise|undefined)} promise
       * @param {Command} subCommand
       * @param {string} event
       * @return {(Promise|undefined)}
       * @private
       */
      _chainOrCallSubCommandHook(promise, subCommand, event) {
        let result = promise;
        return this._lifeCycleHooks[event] !== void 0 && this._lifeCycleHooks[event].forEach((hook) => {
          result = this._chainOrCall(result, () => hook(this, subCommand));
        }), result;
      }
      /**
       * Process arguments in context of this command.
       * Returns action result, in case it is a promise.
       *
       * @private
       */
      _parseCommand(operands, unknown) {
        let parsed = this.parseOptions(unknown);
        if (this._parseOptionsEnv(), this._parseOptionsImplied(), operands = operands.concat(parsed.operands), unknown = parsed.unknown, this.args = operands.concat(unknown), operands && this._findCommand(operands[0]))
          return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
        if (this._getHelpCommand() && operands[0] === this._getHelpCommand().name())
          return this._dispatchHelpCommand(operands[1]);
        if (this._defaultCommandName)
          return this._outputHelpIfRequested(unknown), this._dispatchSubcommand(
            this._defaultCommandName,
            operands,
            unknown
          );
        this.commands.length && this.args.length === 0 && !this._actionHandler && !this._defaultCommandName && this.help({ error: !0 }), this._outputHelpIfRequested(parsed.unknown), this._checkForMissingMandatoryOptions(), this._checkForConflictingOptions();
        let checkForUnknownOptions = () => {
          parsed.unknown.length > 0 && this.unknownOption(parsed.unknown[0]);
        }, commandEvent = `command:${this.name()}`;
        if (this._actionHandler) {
          checkForUnknownOptions(), this._processArguments();
          let promiseChain;
          return promiseChain = this._chainOrCallHooks(promiseChain, "preAction"), promiseChain = this._chainOrCall(
            promiseChain,
            () => this._actionHandler(this.processedArgs)
          ), this.parent && (promiseChain = this._chainOrCall(promiseChain, () => {
            this.parent.emit(commandEvent, operands, unknown);
          })), promiseChain = this._chainOrCallHooks(promiseChain, "postAction"), promiseChain;
        }
        if (this.parent && this.parent.listenerCount(commandEvent))
          checkForUnknownOptions(), this._processArguments(), this.parent.emit(commandEvent, operands, unknown);
        else if (operands.length) {
          if (this._findCommand("*"))
            return this._dispatchSubcommand("*", operands, unknown);
          this.listenerCount("command:*") ? this.emit("command:*", operands, unknown) : this.commands.length ? this.unknownCommand() : (checkForUnknownOptions(), this._processArguments());
        } else this.commands.length ? (checkForUnknownOptions(), this.help({ error: !0 })) : (checkForUnknownOptions(), this._processArguments());
      }
      /**
       * Find matching command.
       *
       * @private
       * @return {Command | undefined}
       */
      _findCommand(name) {
        if (name)
          return this.commands.find(
            (cmd) => cmd._name === name || cmd._aliases.includes(name)
          );
      }
      /**
       * Return an option matching `arg` if any.
       *
       * @param {string} arg
       * @return {Option}
       * @package
       */
      _findOption(arg) {
        return this.options.find((option) => option.is(arg));
      }
      /**
       * Display an error message if a mandatory option does not have a value.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForMissingMandatoryOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd.options.forEach((anOption) => {
            anOption.mandatory && cmd.getOptionValue(anOption.attributeName()) === void 0 && cmd.missingMandatoryOptionValue(anOption);
          });
        });
      }
      /**
       * Display an error message if conflicting options are used together in this.
       *
       * @private
       */
      _checkForConflictingLocalOptions() {
        let definedNonDefaultOptions = this.options.filter((option) => {
          let optionKey = option.attributeName();
          return this.getOptionValue(optionKey) === void 0 ? !1 : this.getOptionValueSource(optionKey) !== "default";
        });
        definedNonDefaultOptions.filter(
          (option) => option.conflictsWith.length > 0
        ).forEach((option) => {
          let conflictingAndDefined = definedNonDefaultOptions.find(
            (defined) => option.conflictsWith.includes(defined.attributeName())
          );
          conflictingAndDefined && this._conflictingOption(option, conflictingAndDefined);
        });
      }
      /**
       * Display an error message if conflicting options are used together.
       * Called after checking for help flags in leaf subcommand.
       *
       * @private
       */
      _checkForConflictingOptions() {
        this._getCommandAndAncestors().forEach((cmd) => {
          cmd._checkForConflictingLocalOptions();
        });
      }
      /**
       * Parse options from `argv` removing known options,
       * and return argv split into operands and unknown arguments.
       *
       * Side effects: modifies command by storing options. Does not reset state if called again.
       *
       * Examples:
       *
       *     argv => operands, unknown
       *     --known kkk op => [op], []
       *     op --known kkk => [op], []
       *     sub --unknown uuu op => [sub], [--unknown uuu op]
       *     sub -- --unknown uuu op => [sub --unknown uuu op], []
       *
       * @param {string[]} argv
       * @return {{operands: string[], unknown: string[]}}
       */
      parseOptions(argv) {
        let operands = [], unknown = [], dest = operands, args = argv.slice();
        function maybeOption(arg) {
          return arg.length > 1 && arg[0] === "-";
        }
        let activeVariadicOption = null;
        for (; args.length; ) {
          let arg = args.shift();
          if (arg === "--") {
            dest === unknown && dest.push(arg), dest.push(...args);
            break;
          }
          if (activeVariadicOption && !maybeOption(arg)) {
            this.emit(`option:${activeVariadicOption.name()}`, arg);
            continue;
          }
          if (activeVariadicOption = null, maybeOption(arg)) {
            let option = this._findOption(arg);
            if (option) {
              if (option.required) {
                let value = args.shift();
                value === void 0 && this.optionMissingArgument(option), this.emit(`option:${option.name()}`, value);
              } else if (option.optional) {
                let value = null;
                args.length > 0 && !maybeOption(args[0]) && (value = args.shift()), this.emit(`option:${option.name()}`, value);
              } else
                this.emit(`option:${option.name()}`);
              activeVariadicOption = option.variadic ? option : null;
              continue;
            }
          }
          if (arg.length > 2 && arg[0] === "-" && arg[1] !== "-") {
            let option = this._findOption(`-${arg[1]}`);
            if (option) {
              option.required || option.optional && this._combineFlagAndOptionalValue ? this.emit(`option:${option.name()}`, arg.slice(2)) : (this.emit(`option:${option.name()}`), args.unshift(`-${arg.slice(2)}`));
              continue;
            }
          }
          if (/^--[^=]+=/.test(arg)) {
            let index = arg.indexOf("="), option = this._findOption(arg.slice(0, index));
            if (option && (option.required || option.optional)) {
              this.emit(`option:${option.name()}`, arg.slice(index + 1));
              continue;
            }
          }
          if (maybeOption(arg) && (dest = unknown), (this._enablePositionalOptions || this._passThroughOptions) && operands.length === 0 && unknown.length === 0) {
            if (this._findCommand(arg)) {
              operands.push(arg), args.length > 0 && unknown.push(...args);
              break;
            } else if (this._getHelpCommand() && arg === this._getHelpCommand().name()) {
              operands.push(arg), args.length > 0 && operands.push(...args);
              break;
            } else if (this._defaultCommandName) {
              unknown.push(arg), args.length > 0 && unknown.push(...args);
              break;
            }
          }
          if (this._passThroughOptions) {
            dest.push(arg), args.length > 0 && dest.push(...args);
            break;
          }
          dest.push(arg);
        }
        return { operands, unknown };
      }
      /**
       * Return an object containing local option values as key-value pairs.
       *
       * @return {object}
       */
      opts() {
        if (this._storeOptionsAsProperties) {
          let result = {}, len = this.options.length;
          for (let i = 0; i < len; i++) {
            let key2 = this.options[i].attributeName();
            result[key2] = key2 === this._versionOptionName ? this._version : this[key2];
          }
          return result;
        }
        return this._optionValues;
      }
      /**
       * Return an object containing merged local and global option values as key-value pairs.
       *
       * @return {object}
       */
      optsWithGlobals() {
        return this._getCommandAndAncestors().reduce(
          (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
          {}
        );
      }
      /**
       * Display error message and exit (or call exitOverride).
       *
       * @param {string} message
       * @param {object} [errorOptions]
       * @param {string} [errorOptions.code] - an id string representing the error
       * @param {number} [errorOptions.exitCode] - used with process.exit
       */
      error(message2, errorOptions) {
        this._outputConfiguration.outputError(
          `${message2}
`,
          this._outputConfiguration.writeErr
        ), typeof this._showHelpAfterError == "string" ? this._outputConfiguration.writeErr(`${this._showHelpAfterError}
`) : this._showHelpAfterError && (this._outputConfiguration.writeErr(`
`), this.outputHelp({ error: !0 }));
        let config = errorOptions || {}, exitCode = config.exitCode || 1, code = config.code || "commander.error";
        this._exit(exitCode, code, message2);
      }
      /**
       * Apply any option related environment variables, if option does
       * not have a value from cli or client code.
       *
       * @private
       */
      _parseOptionsEnv() {
        this.options.forEach((option) => {
          if (option.envVar && option.envVar in process2.env) {
            let optionKey = option.attributeName();
            (this.getOptionValue(optionKey) === void 0 || ["default", "config", "env"].includes(
              this.getOptionValueSource(optionKey)
            )) && (option.required || option.optional ? this.emit(`optionEnv:${option.name()}`, process2.env[option.envVar]) : this.emit(`optionEnv:${option.name()}`));
          }
        });
      }
      /**
       * Apply any implied option values, if option is undefined or default value.
       *
       * @private
       */
      _parseOptionsImplied() {
        let dualHelper = new DualOptions(this.options), hasCustomOptionValue = (optionKey) => this.getOptionValue(optionKey) !== void 0 && !["default", "implied"].includes(this.getOptionValueSource(optionKey));
        this.options.filter(
          (option) => option.implied !== void 0 && hasCustomOptionValue(option.attributeName()) && dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option
          )
        ).forEach((option) => {
          Object.keys(option.implied).filter((impliedKey) => !hasCustomOptionValue(impliedKey)).forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              "implied"
            );
          });
        });
      }
      /**
       * Argument `name` is missing.
       *
       * @param {string} name
       * @private
       */
      missingArgument(name) {
        let message2 = `error: missing required argument '${name}'`;
        this.error(message2, { code: "commander.missingArgument" });
      }
      /**
       * `Option` is missing an argument.
       *
       * @param {Option} option
       * @private
       */
      optionMissingArgument(option) {
        let message2 = `error: option '${option.flags}' argument missing`;
        this.error(message2, { code: "commander.optionMissingArgument" });
      }
      /**
       * `Option` does not have a value, and is a mandatory option.
       *
       * @param {Option} option
       * @private
       */
      missingMandatoryOptionValue(option) {
        let message2 = `error: required option '${option.flags}' not specified`;
        this.error(message2, { code: "commander.missingMandatoryOptionValue" });
      }
      /**
       * `Option` conflicts with another option.
       *
       * @param {Option} option
       * @param {Option} conflictingOption
       * @private
       */
      _conflictingOption(option, conflictingOption) {
        let findBestOptionFromValue = (option2) => {
          let optionKey = option2.attributeName(), optionValue = this.getOptionValue(optionKey), negativeOption = this.options.find(
            (target) => target.negate && optionKey === target.attributeName()
          ), positiveOption = this.options.find(
            (target) => !target.negate && optionKey === target.attributeName()
          );
          return negativeOption && (negativeOption.presetArg === void 0 && optionValue === !1 || negativeOption.presetArg !== void 0 && optionValue === negativeOption.presetArg) ? negativeOption : positiveOption || option2;
        }, getErrorMessage = (option2) => {
          let bestOption = findBestOptionFromValue(option2), optionKey = bestOption.attributeName();
          return this.getOptionValueSource(optionKey) === "env" ? `environment variable '${bestOption.envVar}'` : `option '${bestOption.flags}'`;
        }, message2 = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
        this.error(message2, { code: "commander.conflictingOption" });
      }
      /**
       * Unknown option `flag`.
       *
       * @param {string} flag
       * @private
       */
      unknownOption(flag2) {
        if (this._allowUnknownOption) return;
        let suggestion = "";
        if (flag2.startsWith("--") && this._showSuggestionAfterError) {
          let candidateFlags = [], command = this;
          do {
            let moreFlags = command.createHelp().visibleOptions(command).filter((option) => option.long).map((option) => option.long);
            candidateFlags = candidateFlags.concat(moreFlags), command = command.parent;
          } while (command && !command._enablePositionalOptions);
          suggestion = suggestSimilar(flag2, candidateFlags);
        }
        let message2 = `error: unknown option '${flag2}'${suggestion}`;
        this.error(message2, { code: "commander.unknownOption" });
      }
      /**
       * Excess arguments, more than expected.
       *
       * @param {string[]} receivedArgs
       * @private
       */
      _excessArguments(receivedArgs) {
        if (this._allowExcessArguments) return;
        let expected = this.registeredArguments.length, s = expected === 1 ? "" : "s", message2 = `error: too many arguments${this.parent ? ` for '${this.name()}'` : ""}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
        this.error(message2, { code: "commander.excessArguments" });
      }
      /**
       * Unknown command.
       *
       * @private
       */
      unknownCommand() {
        let unknownName = this.args[0], suggestion = "";
        if (this._showSuggestionAfterError) {
          let candidateNames = [];
          this.createHelp().visibleCommands(this).forEach((command) => {
            candidateNames.push(command.name()), command.alias() && candidateNames.push(command.alias());
          }), suggestion = suggestSimilar(unknownName, candidateNames);
        }
        let message2 = `error: unknown command '${unknownName}'${suggestion}`;
        this.error(message2, { code: "commander.unknownCommand" });
      }
      /**
       * Get or set the program version.
       *
       * This method auto-registers the "-V, --version" option which will print the version number.
       *
       * You can optionally supply the flags and description to override the defaults.
       *
       * @param {string} [str]
       * @param {string} [flags]
       * @param {string} [description]
       * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
       */
      version(str, flags, description) {
        if (str === void 0) return this._version;
        this._version = str, flags = flags || "-V, --version", description = description || "output the version number";
        let versionOption = this.createOption(flags, description);
        return this._versionOptionName = versionOption.attributeName(), this._registerOption(versionOption), this.on("option:" + versionOption.name(), () => {
          this._outputConfiguration.writeOut(`${str}
`), this._exit(0, "commander.version", str);
        }), this;
      }
      /**
       * Set the description.
       *
       * @param {string} [str]
       * @param {object} [argsDescription]
       * @return {(string|Command)}
       */
      description(str, argsDescription) {
        return str === void 0 && argsDescription === void 0 ? this._description : (this._description = str, argsDescription && (this._argsDescription = argsDescription), this);
      }
      /**
       * Set the summary. Used when listed as subcommand of parent.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      summary(str) {
        return str === void 0 ? this._summary : (this._summary = str, this);
      }
      /**
       * Set an alias for the command.
       *
       * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
       *
       * @param {string} [alias]
       * @return {(string|Command)}
       */
      alias(alias) {
        if (alias === void 0) return this._aliases[0];
        let command = this;
        if (this.commands.length !== 0 && this.commands[this.commands.length - 1]._executableHandler && (command = this.commands[this.commands.length - 1]), alias === command._name)
          throw new Error("Command alias can't be the same as its name");
        let matchingCommand = this.parent?._findCommand(alias);
        if (matchingCommand) {
          let existingCmd = [matchingCommand.name()].concat(matchingCommand.aliases()).join("|");
          throw new Error(
            `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`
          );
        }
        return command._aliases.push(alias), this;
      }
      /**
       * Set aliases for the command.
       *
       * Only the first alias is shown in the auto-generated help.
       *
       * @param {string[]} [aliases]
       * @return {(string[]|Command)}
       */
      aliases(aliases) {
        return aliases === void 0 ? this._aliases : (aliases.forEach((alias) => this.alias(alias)), this);
      }
      /**
       * Set / get the command usage `str`.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      usage(str) {
        if (str === void 0) {
          if (this._usage) return this._usage;
          let args = this.registeredArguments.map((arg) => humanReadableArgName(arg));
          return [].concat(
            this.options.length || this._helpOption !== null ? "[options]" : [],
            this.commands.length ? "[command]" : [],
            this.registeredArguments.length ? args : []
          ).join(" ");
        }
        return this._usage = str, this;
      }
      /**
       * Get or set the name of the command.
       *
       * @param {string} [str]
       * @return {(string|Command)}
       */
      name(str) {
        return str === void 0 ? this._name : (this._name = str, this);
      }
      /**
       * Set the name of the command from script filename, such as process.argv[1],
       * or require.main.filename, or __filename.
       *
       * (Used internally and public although not documented in README.)
       *
       * @example
       * program.nameFromFilename(require.main.filename);
       *
       * @param {string} filename
       * @return {Command}
       */
      nameFromFilename(filename) {
        return this._name = path36.basename(filename, path36.extname(filename)), this;
      }
      /**
       * Get or set the directory for searching for executable subcommands of this command.
       *
       * @example
       * program.executableDir(__dirname);
       * // or
       * program.executableDir('subcommands');
       *
       * @param {string} [path]
       * @return {(string|null|Command)}
       */
      executableDir(path37) {
        return path37 === void 0 ? this._executableDir : (this._executableDir = path37, this);
      }
      /**
       * Return program help documentation.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
       * @return {string}
       */
      helpInformation(contextOptions) {
        let helper = this.createHelp(), context = this._getOutputContext(contextOptions);
        helper.prepareContext({
          error: context.error,
          helpWidth: context.helpWidth,
          outputHasColors: context.hasColors
        });
        let text2 = helper.formatHelp(this, helper);
        return context.hasColors ? text2 : this._outputConfiguration.stripColor(text2);
      }
      /**
       * @typedef HelpContext
       * @type {object}
       * @property {boolean} error
       * @property {number} helpWidth
       * @property {boolean} hasColors
       * @property {function} write - includes stripColor if needed
       *
       * @returns {HelpContext}
       * @private
       */
      _getOutputContext(contextOptions) {
        contextOptions = contextOptions || {};
        let error = !!contextOptions.error, baseWrite, hasColors, helpWidth;
        return error ? (baseWrite = (str) => this._outputConfiguration.writeErr(str), hasColors = this._outputConfiguration.getErrHasColors(), helpWidth = this._outputConfiguration.getErrHelpWidth()) : (baseWrite = (str) => this._outputConfiguration.writeOut(str), hasColors = this._outputConfiguration.getOutHasColors(), helpWidth = this._outputConfiguration.getOutHelpWidth()), { error, write: (str) => (hasColors || (str = this._outputConfiguration.stripColor(str)), baseWrite(str)), hasColors, helpWidth };
      }
      /**
       * Output help information for this command.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      outputHelp(contextOptions) {
        let deprecatedCallback;
        typeof contextOptions == "function" && (deprecatedCallback = contextOptions, contextOptions = void 0);
        let outputContext = this._getOutputContext(contextOptions), eventContext = {
          error: outputContext.error,
          write: outputContext.write,
          command: this
        };
        this._getCommandAndAncestors().reverse().forEach((command) => command.emit("beforeAllHelp", eventContext)), this.emit("beforeHelp", eventContext);
        let helpInformation = this.helpInformation({ error: outputContext.error });
        if (deprecatedCallback && (helpInformation = deprecatedCallback(helpInformation), typeof helpInformation != "string" && !Buffer.isBuffer(helpInformation)))
          throw new Error("outputHelp callback must return a string or a Buffer");
        outputContext.write(helpInformation), this._getHelpOption()?.long && this.emit(this._getHelpOption().long), this.emit("afterHelp", eventContext), this._getCommandAndAncestors().forEach(
          (command) => command.emit("afterAllHelp", eventContext)
        );
      }
      /**
       * You can pass in flags and a description to customise the built-in help option.
       * Pass in false to disable the built-in help option.
       *
       * @example
       * program.helpOption('-?, --help' 'show help'); // customise
       * program.helpOption(false); // disable
       *
       * @param {(string | boolean)} flags
       * @param {string} [description]
       * @return {Command} `this` command for chaining
       */
      helpOption(flags, description) {
        return typeof flags == "boolean" ? (flags ? this._helpOption = this._helpOption ?? void 0 : this._helpOption = null, this) : (flags = flags ?? "-h, --help", description = description ?? "display help for command", this._helpOption = this.createOption(flags, description), this);
      }
      /**
       * Lazy create help option.
       * Returns null if has been disabled with .helpOption(false).
       *
       * @returns {(Option | null)} the help option
       * @package
       */
      _getHelpOption() {
        return this._helpOption === void 0 && this.helpOption(void 0, void 0), this._helpOption;
      }
      /**
       * Supply your own option to use for the built-in help option.
       * This is an alternative to using helpOption() to customise the flags and description etc.
       *
       * @param {Option} option
       * @return {Command} `this` command for chaining
       */
      addHelpOption(option) {
        return this._helpOption = option, this;
      }
      /**
       * Output help information and exit.
       *
       * Outputs built-in help, and custom text added using `.addHelpText()`.
       *
       * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
       */
      help(contextOptions) {
        this.outputHelp(contextOptions);
        let exitCode = Number(process2.exitCode ?? 0);
        exitCode === 0 && contextOptions && typeof contextOptions != "function" && contextOptions.error && (exitCode = 1), this._exit(exitCode, "commander.help", "(outputHelp)");
      }
      /**
       * // Do a little typing to coordinate emit and listener for the help text events.
       * @typedef HelpTextEventContext
       * @type {object}
       * @property {boolean} error
       * @property {Command} command
       * @property {function} write
       */
      /**
       * Add additional text to be displayed with the built-in help.
       *
       * Position is 'before' or 'after' to affect just this command,
       * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
       *
       * @param {string} position - before or after built-in help
       * @param {(string | Function)} text - string to add, or a function returning a string
       * @return {Command} `this` command for chaining
       */
      addHelpText(position, text2) {
        let allowedValues = ["beforeAll", "before", "after", "afterAll"];
        if (!allowedValues.includes(position))
          throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
        let helpEvent = `${position}Help`;
        return this.on(helpEvent, (context) => {
          let helpStr;
          typeof text2 == "function" ? helpStr = text2({ error: context.error, command: context.command }) : helpStr = text2, helpStr && context.write(`${helpStr}
`);
        }), this;
      }
      /**
       * Output help information if help flags specified
       *
       * @param {Array} args - array of options to search for help flags
       * @private
       */
      _outputHelpIfRequested(args) {
        let helpOption = this._getHelpOption();
        helpOption && args.find((arg) => helpOption.is(arg)) && (this.outputHelp(), this._exit(0, "commander.helpDisplayed", "(outputHelp)"));
      }
    };
    function incrementNodeInspectorPort(args) {
      return args.map((arg) => {
        if (!arg.startsWith("--inspect"))
          return arg;
        let debugOption, debugHost = "127.0.0.1", debugPort = "9229", match2;
        return (match2 = arg.match(/^(--inspect(-brk)?)$/)) !== null ? debugOption = match2[1] : (match2 = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null ? (debugOption = match2[1], /^\d+$/.test(match2[3]) ? debugPort = match2[3] : debugHost = match2[3]) : (match2 = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null && (debugOption = match2[1], debugHost = match2[3], debugPort = match2[4]), debugOption && debugPort !== "0" ? `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}` : arg;
      });
    }
    function useColor() {
      if (process2.env.NO_COLOR || process2.env.FORCE_COLOR === "0" || process2.env.FORCE_COLOR === "false")
        return !1;
      if (process2.env.FORCE_COLOR || process2.env.CLICOLOR_FORCE !== void 0)
        return !0;
    }
    exports2.Command = Command2;
    exports2.useColor = useColor;
  }
});

// node_modules/commander/index.js
var require_commander = __commonJS({
  "node_modules/commander/index.js"(exports2) {
    var { Argument: Argument2 } = require_argument(), { Command: Command2 } = require_command(), { CommanderError: CommanderError2, InvalidArgumentError: InvalidArgumentError2 } = require_error(), { Help: Help2 } = require_help(), { Option: Option2 } = require_option();
    exports2.program = new Command2();
    exports2.createCommand = (name) => new Command2(name);
    exports2.createOption = (flags, description) => new Option2(flags, description);
    exports2.createArgument = (name, description) => new Argument2(name, description);
    exports2.Command = Command2;
    exports2.Option = Option2;
    exports2.Argument = Argument2;
    exports2.Help = Help2;
    exports2.CommanderError = CommanderError2;
    exports2.InvalidArgumentError = InvalidArgumentError2;
    exports2.InvalidOptionArgumentError = InvalidArgumentError2;
  }
});

// src/cli.ts
var import_node_os10 = __nodeBuiltin(require("node:os"));

// node_modules/commander/esm.mjs
var import_index = __toESM(require_commander(), 1), {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError,
  // deprecated old name
  Command,
  Argument,
  Option,
  Help
} = import_index.default;

// node_modules/nanoid/index.js
var import_node_crypto = require("node:crypto");

// node_modules/nanoid/url-alphabet/index.js
var urlAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

// node_modules/nanoid/index.js
var POOL_SIZE_MULTIPLIER = 128, pool, poolOffset;
function fillPool(bytes) {
  if (bytes < 0) throw new RangeError("Wrong ID size");
  try {
    !pool || pool.length < bytes ? (pool = Buffer.allocUnsafe(bytes * POOL_SIZE_MULTIPLIER), import_node_crypto.webcrypto.getRandomValues(pool), poolOffset = 0) : poolOffset + bytes > pool.length && (import_node_crypto.webcrypto.getRandomValues(pool), poolOffset = 0);
  } catch (e) {
    throw pool = void 0, e;
  }
  poolOffset += bytes;
}
function nanoid(size2 = 21) {
  fillPool(size2 |= 0);
  let id = "";
  for (let i = poolOffset - size2; i < poolOffset; i++)
    id += urlAlphabet[pool[i] & 63];
  return id;
}

// src/commands/toggle.ts
var import_node_crypto10 = require("node:crypto"), import_node_fs10 = __nodeBuiltin(require("node:fs")), import_node_os3 = __nodeBuiltin(require("node:os")), import_node_path12 = __nodeBuiltin(require("node:path"));

// src/core/errors.ts
var AuditError = class extends Error {
  constructor(message2, exitCode = 1) {
    super(message2);
    this.exitCode = exitCode;
    this.name = "AuditError";
  }
  exitCode;
};

// src/core/options.ts
var import_node_path = __nodeBuiltin(require("node:path"));

// src/format/json.ts
var import_node_os = __nodeBuiltin(require("node:os"));

// src/core/record.ts
var RECORD_KINDS = ["line", "piece", "redrawn", "screen", "history", "event"];

// node_modules/date-fns/constants.js
var maxTime = Math.pow(10, 8) * 24 * 60 * 60 * 1e3, minTime = -maxTime, millisecondsInWeek = 6048e5, millisecondsInDay = 864e5, millisecondsInMinute = 6e4, millisecondsInHour = 36e5, millisecondsInSecond = 1e3;
var secondsInHour = 3600;
var secondsInDay = secondsInHour * 24, secondsInWeek = secondsInDay * 7, secondsInYear = secondsInDay * 365.2425, secondsInMonth = secondsInYear / 12, secondsInQuarter = secondsInMonth * 3, constructFromSymbol = /* @__PURE__ */ Symbol.for("constructDateFrom");

// node_modules/date-fns/constructFrom.js
function constructFrom(date, value) {
  return typeof date == "function" ? date(value) : date && typeof date == "object" && constructFromSymbol in date ? date[constructFromSymbol](value) : date instanceof Date ? new date.constructor(value) : new Date(value);
}

// node_modules/date-fns/toDate.js
function toDate(argument, context) {
  return constructFrom(context || argument, argument);
}

// node_modules/date-fns/addDays.js
function addDays(date, amount, options) {
  let _date = toDate(date, options?.in);
  return isNaN(amount) ? constructFrom(options?.in || date, NaN) : (amount && _date.setDate(_date.getDate() + amount), _date);
}

// node_modules/date-fns/_lib/defaultOptions.js
var defaultOptions = {};
function getDefaultOptions() {
  return defaultOptions;
}

// node_modules/date-fns/startOfWeek.js
function startOfWeek(date, options) {
  let defaultOptions2 = getDefaultOptions(), weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, _date = toDate(date, options?.in), day = _date.getDay(), diff = (day < weekStartsOn ? 7 : 0) + day - weekStartsOn;
  return _date.setDate(_date.getDate() - diff), _date.setHours(0, 0, 0, 0), _date;
}

// node_modules/date-fns/startOfISOWeek.js
function startOfISOWeek(date, options) {
  return startOfWeek(date, { ...options, weekStartsOn: 1 });
}

// node_modules/date-fns/getISOWeekYear.js
function getISOWeekYear(date, options) {
  let _date = toDate(date, options?.in), year = _date.getFullYear(), fourthOfJanuaryOfNextYear = constructFrom(_date, 0);
  fourthOfJanuaryOfNextYear.setFullYear(year + 1, 0, 4), fourthOfJanuaryOfNextYear.setHours(0, 0, 0, 0);
  let startOfNextYear = startOfISOWeek(fourthOfJanuaryOfNextYear), fourthOfJanuaryOfThisYear = constructFrom(_date, 0);
  fourthOfJanuaryOfThisYear.setFullYear(year, 0, 4), fourthOfJanuaryOfThisYear.setHours(0, 0, 0, 0);
  let startOfThisYear = startOfISOWeek(fourthOfJanuaryOfThisYear);
  return _date.getTime() >= startOfNextYear.getTime() ? year + 1 : _date.getTime() >= startOfThisYear.getTime() ? year : year - 1;
}

// node_modules/date-fns/_lib/getTimezoneOffsetInMilliseconds.js
function getTimezoneOffsetInMilliseconds(date) {
  let _date = toDate(date), utcDate = new Date(
    Date.UTC(
      _date.getFullYear(),
      _date.getMonth(),
      _date.getDate(),
      _date.getHours(),
      _date.getMinutes(),
      _date.getSeconds(),
      _date.getMilliseconds()
    )
  );
  return utcDate.setUTCFullYear(_date.getFullYear()), +date - +utcDate;
}

// node_modules/date-fns/_lib/normalizeDates.js
function normalizeDates(context, ...dates) {
  let normalize = constructFrom.bind(
    null,
    context || dates.find((date) => typeof date == "object")
  );
  return dates.map(normalize);
}

// node_modules/date-fns/startOfDay.js
function startOfDay(date, options) {
  let _date = toDate(date, options?.in);
  return _date.setHours(0, 0, 0, 0), _date;
}

// node_modules/date-fns/differenceInCalendarDays.js
function differenceInCalendarDays(laterDate, earlierDate, options) {
  let [laterDate_, earlierDate_] = normalizeDates(
    options?.in,
    laterDate,
    earlierDate
  ), laterStartOfDay = startOfDay(laterDate_), earlierStartOfDay = startOfDay(earlierDate_), laterTimestamp = +laterStartOfDay - getTimezoneOffsetInMilliseconds(laterStartOfDay), earlierTimestamp = +earlierStartOfDay - getTimezoneOffsetInMilliseconds(earlierStartOfDay);
  return Math.round((laterTimestamp - earlierTimestamp) / millisecondsInDay);
}

// node_modules/date-fns/startOfISOWeekYear.js
function startOfISOWeekYear(date, options) {
  let year = getISOWeekYear(date, options), fourthOfJanuary = constructFrom(options?.in || date, 0);
  return fourthOfJanuary.setFullYear(year, 0, 4), fourthOfJanuary.setHours(0, 0, 0, 0), startOfISOWeek(fourthOfJanuary);
}

// node_modules/date-fns/isDate.js
function isDate(value) {
  return value instanceof Date || typeof value == "object" && Object.prototype.toString.call(value) === "[object Date]";
}

// node_modules/date-fns/isValid.js
function isValid(date) {
  return !(!isDate(date) && typeof date != "number" || isNaN(+toDate(date)));
}

// node_modules/date-fns/startOfYear.js
function startOfYear(date, options) {
  let date_ = toDate(date, options?.in);
  return date_.setFullYear(date_.getFullYear(), 0, 1), date_.setHours(0, 0, 0, 0), date_;
}

// node_modules/date-fns/locale/en-US/_lib/formatDistance.js
var formatDistanceLocale = {
  lessThanXSeconds: {
    one: "less than a second",
    other: "less than {{count}} seconds"
  },
  xSeconds: {
    one: "1 second",
    other: "{{count}} seconds"
  },
  halfAMinute: "half a minute",
  lessThanXMinutes: {
    one: "less than a minute",
    other: "less than {{count}} minutes"
  },
  xMinutes: {
    one: "1 minute",
    other: "{{count}} minutes"
  },
  aboutXHours: {
    one: "about 1 hour",
    other: "about {{count}} hours"
  },
  xHours: {
    one: "1 hour",
    other: "{{count}} hours"
  },
  xDays: {
    one: "1 day",
    other: "{{count}} days"
  },
  aboutXWeeks: {
    one: "about 1 week",
    other: "about {{count}} weeks"
  },
  xWeeks: {
    one: "1 week",
    other: "{{count}} weeks"
  },
  aboutXMonths: {
    one: "about 1 month",
    other: "about {{count}} months"
  },
  xMonths: {
    one: "1 month",
    other: "{{count}} months"
  },
  aboutXYears: {
    one: "about 1 year",
    other: "about {{count}} years"
  },
  xYears: {
    one: "1 year",
    other: "{{count}} years"
  },
  overXYears: {
    one: "over 1 year",
    other: "over {{count}} years"
  },
  almostXYears: {
    one: "almost 1 year",
    other: "almost {{count}} years"
  }
}, formatDistance = (token, count, options) => {
  let result, tokenValue = formatDistanceLocale[token];
  return typeof tokenValue == "string" ? result = tokenValue : count === 1 ? result = tokenValue.one : result = tokenValue.other.replace("{{count}}", count.toString()), options?.addSuffix ? options.comparison && options.comparison > 0 ? "in " + result : result + " ago" : result;
};

// node_modules/date-fns/locale/_lib/buildFormatLongFn.js
function buildFormatLongFn(args) {
  return (options = {}) => {
    let width = options.width ? String(options.width) : args.defaultWidth;
    return args.formats[width] || args.formats[args.defaultWidth];
  };
}

// node_modules/date-fns/locale/en-US/_lib/formatLong.js
var dateFormats = {
  full: "EEEE, MMMM do, y",
  long: "MMMM do, y",
  medium: "MMM d, y",
  short: "MM/dd/yyyy"
}, timeFormats = {
  full: "h:mm:ss a zzzz",
  long: "h:mm:ss a z",
  medium: "h:mm:ss a",
  short: "h:mm a"
}, dateTimeFormats = {
  full: "{{date}} 'at' {{time}}",
  long: "{{date}} 'at' {{time}}",
  medium: "{{date}}, {{time}}",
  short: "{{date}}, {{time}}"
}, formatLong = {
  date: buildFormatLongFn({
    formats: dateFormats,
    defaultWidth: "full"
  }),
  time: buildFormatLongFn({
    formats: timeFormats,
    defaultWidth: "full"
  }),
  dateTime: buildFormatLongFn({
    formats: dateTimeFormats,
    defaultWidth: "full"
  })
};

// node_modules/date-fns/locale/en-US/_lib/formatRelative.js
var formatRelativeLocale = {
  lastWeek: "'last' eeee 'at' p",
  yesterday: "'yesterday at' p",
  today: "'today at' p",
  tomorrow: "'tomorrow at' p",
  nextWeek: "eeee 'at' p",
  other: "P"
}, formatRelative = (token, _date, _baseDate, _options) => formatRelativeLocale[token];

// node_modules/date-fns/locale/_lib/buildLocalizeFn.js
function buildLocalizeFn(args) {
  return (value, options) => {
    let context = options?.context ? String(options.context) : "standalone", valuesArray;
    if (context === "formatting" && args.formattingValues) {
      let defaultWidth = args.defaultFormattingWidth || args.defaultWidth, width = options?.width ? String(options.width) : defaultWidth;
      valuesArray = args.formattingValues[width] || args.formattingValues[defaultWidth];
    } else {
      let defaultWidth = args.defaultWidth, width = options?.width ? String(options.width) : args.defaultWidth;
      valuesArray = args.values[width] || args.values[defaultWidth];
    }
    let index = args.argumentCallback ? args.argumentCallback(value) : value;
    return valuesArray[index];
  };
}

// node_modules/date-fns/locale/en-US/_lib/localize.js
var eraValues = {
  narrow: ["B", "A"],
  abbreviated: ["BC", "AD"],
  wide: ["Before Christ", "Anno Domini"]
}, quarterValues = {
  narrow: ["1", "2", "3", "4"],
  abbreviated: ["Q1", "Q2", "Q3", "Q4"],
  wide: ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"]
}, monthValues = {
  narrow: ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"],
  abbreviated: [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec"
  ],
  wide: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  ]
}, dayValues = {
  narrow: ["S", "M", "T", "W", "T", "F", "S"],
  short: ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"],
  abbreviated: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  wide: [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday"
  ]
}, dayPeriodValues = {
  narrow: {
    am: "a",
    pm: "p",
    midnight: "mi",
    noon: "n",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  },
  abbreviated: {
    am: "AM",
    pm: "PM",
    midnight: "midnight",
    noon: "noon",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  },
  wide: {
    am: "a.m.",
    pm: "p.m.",
    midnight: "midnight",
    noon: "noon",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  }
}, formattingDayPeriodValues = {
  narrow: {
    am: "a",
    pm: "p",
    midnight: "mi",
    noon: "n",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  },
  abbreviated: {
    am: "AM",
    pm: "PM",
    midnight: "midnight",
    noon: "noon",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  },
  wide: {
    am: "a.m.",
    pm: "p.m.",
    midnight: "midnight",
    noon: "noon",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  }
}, ordinalNumber = (dirtyNumber, _options) => {
  let number2 = Number(dirtyNumber), rem100 = number2 % 100;
  if (rem100 > 20 || rem100 < 10)
    switch (rem100 % 10) {
      case 1:
        return number2 + "st";
      case 2:
        return number2 + "nd";
      case 3:
        return number2 + "rd";
    }
  return number2 + "th";
}, localize = {
  ordinalNumber,
  era: buildLocalizeFn({
    values: eraValues,
    defaultWidth: "wide"
  }),
  quarter: buildLocalizeFn({
    values: quarterValues,
    defaultWidth: "wide",
    argumentCallback: (quarter) => quarter - 1
  }),
  month: buildLocalizeFn({
    values: monthValues,
    defaultWidth: "wide"
  }),
  day: buildLocalizeFn({
    values: dayValues,
    defaultWidth: "wide"
  }),
  dayPeriod: buildLocalizeFn({
    values: dayPeriodValues,
    defaultWidth: "wide",
    formattingValues: formattingDayPeriodValues,
    defaultFormattingWidth: "wide"
  })
};

// node_modules/date-fns/locale/_lib/buildMatchFn.js
function buildMatchFn(args) {
  return (string, options = {}) => {
    let width = options.width, matchPattern = width && args.matchPatterns[width] || args.matchPatterns[args.defaultMatchWidth], matchResult = string.match(matchPattern);
    if (!matchResult)
      return null;
    let matchedString = matchResult[0], parsePatterns = width && args.parsePatterns[width] || args.parsePatterns[args.defaultParseWidth], key2 = Array.isArray(parsePatterns) ? findIndex(parsePatterns, (pattern) => pattern.test(matchedString)) : (
      // [TODO] -- I challenge you to fix the type
      findKey(parsePatterns, (pattern) => pattern.test(matchedString))
    ), value;
    value = args.valueCallback ? args.valueCallback(key2) : key2, value = options.valueCallback ? (
      // [TODO] -- I challenge you to fix the type
      options.valueCallback(value)
    ) : value;
    let rest = string.slice(matchedString.length);
    return { value, rest };
  };
}
function findKey(object, predicate) {
  for (let key2 in object)
    if (Object.prototype.hasOwnProperty.call(object, key2) && predicate(object[key2]))
      return key2;
}
function findIndex(array, predicate) {
  for (let key2 = 0; key2 < array.length; key2++)
    if (predicate(array[key2]))
      return key2;
}

// node_modules/date-fns/locale/_lib/buildMatchPatternFn.js
function buildMatchPatternFn(args) {
  return (string, options = {}) => {
    let matchResult = string.match(args.matchPattern);
    if (!matchResult) return null;
    let matchedString = matchResult[0], parseResult = string.match(args.parsePattern);
    if (!parseResult) return null;
    let value = args.valueCallback ? args.valueCallback(parseResult[0]) : parseResult[0];
    value = options.valueCallback ? options.valueCallback(value) : value;
    let rest = string.slice(matchedString.length);
    return { value, rest };
  };
}

// node_modules/date-fns/locale/en-US/_lib/match.js
var matchOrdinalNumberPattern = /^(\d+)(th|st|nd|rd)?/i, parseOrdinalNumberPattern = /\d+/i, matchEraPatterns = {
  narrow: /^(b|a)/i,
  abbreviated: /^(b\.?\s?c\.?|b\.?\s?c\.?\s?e\.?|a\.?\s?d\.?|c\.?\s?e\.?)/i,
  wide: /^(before christ|before common era|anno domini|common era)/i
}, parseEraPatterns = {
  any: [/^b/i, /^(a|c)/i]
}, matchQuarterPatterns = {
  narrow: /^[1234]/i,
  abbreviated: /^q[1234]/i,
  wide: /^[1234](th|st|nd|rd)? quarter/i
}, parseQuarterPatterns = {
  any: [/1/i, /2/i, /3/i, /4/i]
}, matchMonthPatterns = {
  narrow: /^[jfmasond]/i,
  abbreviated: /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  wide: /^(january|february|march|april|may|june|july|august|september|october|november|december)/i
}, parseMonthPatterns = {
  narrow: [
    /^j/i,
    /^f/i,
    /^m/i,
    /^a/i,
    /^m/i,
    /^j/i,
    /^j/i,
    /^a/i,
    /^s/i,
    /^o/i,
    /^n/i,
    /^d/i
  ],
  any: [
    /^ja/i,
    /^f/i,
    /^mar/i,
    /^ap/i,
    /^may/i,
    /^jun/i,
    /^jul/i,
    /^au/i,
    /^s/i,
    /^o/i,
    /^n/i,
    /^d/i
  ]
}, matchDayPatterns = {
  narrow: /^[smtwf]/i,
  short: /^(su|mo|tu|we|th|fr|sa)/i,
  abbreviated: /^(sun|mon|tue|wed|thu|fri|sat)/i,
  wide: /^(sunday|monday|tuesday|wednesday|thursday|friday|saturday)/i
}, parseDayPatterns = {
  narrow: [/^s/i, /^m/i, /^t/i, /^w/i, /^t/i, /^f/i, /^s/i],
  any: [/^su/i, /^m/i, /^tu/i, /^w/i, /^th/i, /^f/i, /^sa/i]
}, matchDayPeriodPatterns = {
  narrow: /^(a|p|mi|n|(in the|at) (morning|afternoon|evening|night))/i,
  any: /^([ap]\.?\s?m\.?|midnight|noon|(in the|at) (morning|afternoon|evening|night))/i
}, parseDayPeriodPatterns = {
  any: {
    am: /^a/i,
    pm: /^p/i,
    midnight: /^mi/i,
    noon: /^no/i,
    morning: /morning/i,
    afternoon: /afternoon/i,
    evening: /evening/i,
    night: /night/i
  }
}, match = {
  ordinalNumber: buildMatchPatternFn({
    matchPattern: matchOrdinalNumberPattern,
    parsePattern: parseOrdinalNumberPattern,
    valueCallback: (value) => parseInt(value, 10)
  }),
  era: buildMatchFn({
    matchPatterns: matchEraPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseEraPatterns,
    defaultParseWidth: "any"
  }),
  quarter: buildMatchFn({
    matchPatterns: matchQuarterPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseQuarterPatterns,
    defaultParseWidth: "any",
    valueCallback: (index) => index + 1
  }),
  month: buildMatchFn({
    matchPatterns: matchMonthPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseMonthPatterns,
    defaultParseWidth: "any"
  }),
  day: buildMatchFn({
    matchPatterns: matchDayPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseDayPatterns,
    defaultParseWidth: "any"
  }),
  dayPeriod: buildMatchFn({
    matchPatterns: matchDayPeriodPatterns,
    defaultMatchWidth: "any",
    parsePatterns: parseDayPeriodPatterns,
    defaultParseWidth: "any"
  })
};

// node_modules/date-fns/locale/en-US.js
var enUS = {
  code: "en-US",
  formatDistance,
  formatLong,
  formatRelative,
  localize,
  match,
  options: {
    weekStartsOn: 0,
    firstWeekContainsDate: 1
  }
};

// node_modules/date-fns/getDayOfYear.js
function getDayOfYear(date, options) {
  let _date = toDate(date, options?.in);
  return differenceInCalendarDays(_date, startOfYear(_date)) + 1;
}

// node_modules/date-fns/getISOWeek.js
function getISOWeek(date, options) {
  let _date = toDate(date, options?.in), diff = +startOfISOWeek(_date) - +startOfISOWeekYear(_date);
  return Math.round(diff / millisecondsInWeek) + 1;
}

// node_modules/date-fns/getWeekYear.js
function getWeekYear(date, options) {
  let _date = toDate(date, options?.in), year = _date.getFullYear(), defaultOptions2 = getDefaultOptions(), firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, firstWeekOfNextYear = constructFrom(options?.in || date, 0);
  firstWeekOfNextYear.setFullYear(year + 1, 0, firstWeekContainsDate), firstWeekOfNextYear.setHours(0, 0, 0, 0);
  let startOfNextYear = startOfWeek(firstWeekOfNextYear, options), firstWeekOfThisYear = constructFrom(options?.in || date, 0);
  firstWeekOfThisYear.setFullYear(year, 0, firstWeekContainsDate), firstWeekOfThisYear.setHours(0, 0, 0, 0);
  let startOfThisYear = startOfWeek(firstWeekOfThisYear, options);
  return +_date >= +startOfNextYear ? year + 1 : +_date >= +startOfThisYear ? year : year - 1;
}

// node_modules/date-fns/startOfWeekYear.js
function startOfWeekYear(date, options) {
  let defaultOptions2 = getDefaultOptions(), firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, year = getWeekYear(date, options), firstWeek = constructFrom(options?.in || date, 0);
  return firstWeek.setFullYear(year, 0, firstWeekContainsDate), firstWeek.setHours(0, 0, 0, 0), startOfWeek(firstWeek, options);
}

// node_modules/date-fns/getWeek.js
function getWeek(date, options) {
  let _date = toDate(date, options?.in), diff = +startOfWeek(_date, options) - +startOfWeekYear(_date, options);
  return Math.round(diff / millisecondsInWeek) + 1;
}

// node_modules/date-fns/_lib/addLeadingZeros.js
function addLeadingZeros(number2, targetLength) {
  let sign = number2 < 0 ? "-" : "", output = Math.abs(number2).toString().padStart(targetLength, "0");
  return sign + output;
}

// node_modules/date-fns/_lib/format/lightFormatters.js
var lightFormatters = {
  // Year
  y(date, token) {
    let signedYear = date.getFullYear(), year = signedYear > 0 ? signedYear : 1 - signedYear;
    return addLeadingZeros(token === "yy" ? year % 100 : year, token.length);
  },
  // Month
  M(date, token) {
    let month = date.getMonth();
    return token === "M" ? String(month + 1) : addLeadingZeros(month + 1, 2);
  },
  // Day of the month
  d(date, token) {
    return addLeadingZeros(date.getDate(), token.length);
  },
  // AM or PM
  a(date, token) {
    let dayPeriodEnumValue = date.getHours() / 12 >= 1 ? "pm" : "am";
    switch (token) {
      case "a":
      case "aa":
        return dayPeriodEnumValue.toUpperCase();
      case "aaa":
        return dayPeriodEnumValue;
      case "aaaaa":
        return dayPeriodEnumValue[0];
      default:
        return dayPeriodEnumValue === "am" ? "a.m." : "p.m.";
    }
  },
  // Hour [1-12]
  h(date, token) {
    return addLeadingZeros(date.getHours() % 12 || 12, token.length);
  },
  // Hour [0-23]
  H(date, token) {
    return addLeadingZeros(date.getHours(), token.length);
  },
  // Minute
  m(date, token) {
    return addLeadingZeros(date.getMinutes(), token.length);
  },
  // Second
  s(date, token) {
    return addLeadingZeros(date.getSeconds(), token.length);
  },
  // Fraction of second
  S(date, token) {
    let numberOfDigits = token.length, milliseconds = date.getMilliseconds(), fractionalSeconds = Math.trunc(
      milliseconds * Math.pow(10, numberOfDigits - 3)
    );
    return addLeadingZeros(fractionalSeconds, token.length);
  }
};

// node_modules/date-fns/_lib/format/formatters.js
var dayPeriodEnum = {
  am: "am",
  pm: "pm",
  midnight: "midnight",
  noon: "noon",
  morning: "morning",
  afternoon: "afternoon",
  evening: "evening",
  night: "night"
}, formatters = {
  // Era
  G: function(date, token, localize2) {
    let era = date.getFullYear() > 0 ? 1 : 0;
    switch (token) {
      // AD, BC
      case "G":
      case "GG":
      case "GGG":
        return localize2.era(era, { width: "abbreviated" });
      // A, B
      case "GGGGG":
        return localize2.era(era, { width: "narrow" });
      default:
        return localize2.era(era, { width: "wide" });
    }
  },
  // Year
  y: function(date, token, localize2) {
    if (token === "yo") {
      let signedYear = date.getFullYear(), year = signedYear > 0 ? signedYear : 1 - signedYear;
      return localize2.ordinalNumber(year, { unit: "year" });
    }
    return lightFormatters.y(date, token);
  },
  // Local week-numbering year
  Y: function(date, token, localize2, options) {
    let signedWeekYear = getWeekYear(date, options), weekYear = signedWeekYear > 0 ? signedWeekYear : 1 - signedWeekYear;
    if (token === "YY") {
      let twoDigitYear = weekYear % 100;
      return addLeadingZeros(twoDigitYear, 2);
    }
    return token === "Yo" ? localize2.ordinalNumber(weekYear, { unit: "year" }) : addLeadingZeros(weekYear, token.length);
  },
  // ISO week-numbering year
  R: function(date, token) {
    let isoWeekYear = getISOWeekYear(date);
    return addLeadingZeros(isoWeekYear, token.length);
  },
  // Extended year. This is a single number designating the year of this calendar system.
  // The main difference between `y` and `u` localizers are B.C. years:
  // | Year | `y` | `u` |
  // |------|-----|-----|
  // | AC 1 |   1 |   1 |
  // | BC 1 |   1 |   0 |
  // | BC 2 |   2 |  -1 |
  // Also `yy` always returns the last two digits of a year,
  // while `uu` pads single digit years to 2 characters and returns other years unchanged.
  u: function(date, token) {
    let year = date.getFullYear();
    return addLeadingZeros(year, token.length);
  },
  // Quarter
  Q: function(date, token, localize2) {
    let quarter = Math.ceil((date.getMonth() + 1) / 3);
    switch (token) {
      // 1, 2, 3, 4
      case "Q":
        return String(quarter);
      // 01, 02, 03, 04
      case "QQ":
        return addLeadingZeros(quarter, 2);
      // 1st, 2nd, 3rd, 4th
      case "Qo":
        return localize2.ordinalNumber(quarter, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "QQQ":
        return localize2.quarter(quarter, {
          width: "abbreviated",
          context: "formatting"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "QQQQQ":
        return localize2.quarter(quarter, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.quarter(quarter, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Stand-alone quarter
  q: function(date, token, localize2) {
    let quarter = Math.ceil((date.getMonth() + 1) / 3);
    switch (token) {
      // 1, 2, 3, 4
      case "q":
        return String(quarter);
      // 01, 02, 03, 04
      case "qq":
        return addLeadingZeros(quarter, 2);
      // 1st, 2nd, 3rd, 4th
      case "qo":
        return localize2.ordinalNumber(quarter, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "qqq":
        return localize2.quarter(quarter, {
          width: "abbreviated",
          context: "standalone"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "qqqqq":
        return localize2.quarter(quarter, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return localize2.quarter(quarter, {
          width: "wide",
          context: "standalone"
        });
    }
  },
  // Month
  M: function(date, token, localize2) {
    let month = date.getMonth();
    switch (token) {
      case "M":
      case "MM":
        return lightFormatters.M(date, token);
      // 1st, 2nd, ..., 12th
      case "Mo":
        return localize2.ordinalNumber(month + 1, { unit: "month" });
      // Jan, Feb, ..., Dec
      case "MMM":
        return localize2.month(month, {
          width: "abbreviated",
          context: "formatting"
        });
      // J, F, ..., D
      case "MMMMM":
        return localize2.month(month, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.month(month, { width: "wide", context: "formatting" });
    }
  },
  // Stand-alone month
  L: function(date, token, localize2) {
    let month = date.getMonth();
    switch (token) {
      // 1, 2, ..., 12
      case "L":
        return String(month + 1);
      // 01, 02, ..., 12
      case "LL":
        return addLeadingZeros(month + 1, 2);
      // 1st, 2nd, ..., 12th
      case "Lo":
        return localize2.ordinalNumber(month + 1, { unit: "month" });
      // Jan, Feb, ..., Dec
      case "LLL":
        return localize2.month(month, {
          width: "abbreviated",
          context: "standalone"
        });
      // J, F, ..., D
      case "LLLLL":
        return localize2.month(month, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return localize2.month(month, { width: "wide", context: "standalone" });
    }
  },
  // Local week of year
  w: function(date, token, localize2, options) {
    let week = getWeek(date, options);
    return token === "wo" ? localize2.ordinalNumber(week, { unit: "week" }) : addLeadingZeros(week, token.length);
  },
  // ISO week of year
  I: function(date, token, localize2) {
    let isoWeek = getISOWeek(date);
    return token === "Io" ? localize2.ordinalNumber(isoWeek, { unit: "week" }) : addLeadingZeros(isoWeek, token.length);
  },
  // Day of the month
  d: function(date, token, localize2) {
    return token === "do" ? localize2.ordinalNumber(date.getDate(), { unit: "date" }) : lightFormatters.d(date, token);
  },
  // Day of year
  D: function(date, token, localize2) {
    let dayOfYear = getDayOfYear(date);
    return token === "Do" ? localize2.ordinalNumber(dayOfYear, { unit: "dayOfYear" }) : addLeadingZeros(dayOfYear, token.length);
  },
  // Day of week
  E: function(date, token, localize2) {
    let dayOfWeek = date.getDay();
    switch (token) {
      // Tue
      case "E":
      case "EE":
      case "EEE":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "EEEEE":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "EEEEEE":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Local day of week
  e: function(date, token, localize2, options) {
    let dayOfWeek = date.getDay(), localDayOfWeek = (dayOfWeek - options.weekStartsOn + 8) % 7 || 7;
    switch (token) {
      // Numerical value (Nth day of week with current locale or weekStartsOn)
      case "e":
        return String(localDayOfWeek);
      // Padded numerical value
      case "ee":
        return addLeadingZeros(localDayOfWeek, 2);
      // 1st, 2nd, ..., 7th
      case "eo":
        return localize2.ordinalNumber(localDayOfWeek, { unit: "day" });
      case "eee":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "eeeee":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "eeeeee":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Stand-alone local day of week
  c: function(date, token, localize2, options) {
    let dayOfWeek = date.getDay(), localDayOfWeek = (dayOfWeek - options.weekStartsOn + 8) % 7 || 7;
    switch (token) {
      // Numerical value (same as in `e`)
      case "c":
        return String(localDayOfWeek);
      // Padded numerical value
      case "cc":
        return addLeadingZeros(localDayOfWeek, token.length);
      // 1st, 2nd, ..., 7th
      case "co":
        return localize2.ordinalNumber(localDayOfWeek, { unit: "day" });
      case "ccc":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "standalone"
        });
      // T
      case "ccccc":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "standalone"
        });
      // Tu
      case "cccccc":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "standalone"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "standalone"
        });
    }
  },
  // ISO day of week
  i: function(date, token, localize2) {
    let dayOfWeek = date.getDay(), isoDayOfWeek = dayOfWeek === 0 ? 7 : dayOfWeek;
    switch (token) {
      // 2
      case "i":
        return String(isoDayOfWeek);
      // 02
      case "ii":
        return addLeadingZeros(isoDayOfWeek, token.length);
      // 2nd
      case "io":
        return localize2.ordinalNumber(isoDayOfWeek, { unit: "day" });
      // Tue
      case "iii":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "iiiii":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "iiiiii":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // AM or PM
  a: function(date, token, localize2) {
    let dayPeriodEnumValue = date.getHours() / 12 >= 1 ? "pm" : "am";
    switch (token) {
      case "a":
      case "aa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "aaa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        }).toLowerCase();
      case "aaaaa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // AM, PM, midnight, noon
  b: function(date, token, localize2) {
    let hours = date.getHours(), dayPeriodEnumValue;
    switch (hours === 12 ? dayPeriodEnumValue = dayPeriodEnum.noon : hours === 0 ? dayPeriodEnumValue = dayPeriodEnum.midnight : dayPeriodEnumValue = hours / 12 >= 1 ? "pm" : "am", token) {
      case "b":
      case "bb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "bbb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        }).toLowerCase();
      case "bbbbb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // in the morning, in the afternoon, in the evening, at night
  B: function(date, token, localize2) {
    let hours = date.getHours(), dayPeriodEnumValue;
    switch (hours >= 17 ? dayPeriodEnumValue = dayPeriodEnum.evening : hours >= 12 ? dayPeriodEnumValue = dayPeriodEnum.afternoon : hours >= 4 ? dayPeriodEnumValue = dayPeriodEnum.morning : dayPeriodEnumValue = dayPeriodEnum.night, token) {
      case "B":
      case "BB":
      case "BBB":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "BBBBB":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Hour [1-12]
  h: function(date, token, localize2) {
    if (token === "ho") {
      let hours = date.getHours() % 12;
      return hours === 0 && (hours = 12), localize2.ordinalNumber(hours, { unit: "hour" });
    }
    return lightFormatters.h(date, token);
  },
  // Hour [0-23]
  H: function(date, token, localize2) {
    return token === "Ho" ? localize2.ordinalNumber(date.getHours(), { unit: "hour" }) : lightFormatters.H(date, token);
  },
  // Hour [0-11]
  K: function(date, token, localize2) {
    let hours = date.getHours() % 12;
    return token === "Ko" ? localize2.ordinalNumber(hours, { unit: "hour" }) : addLeadingZeros(hours, token.length);
  },
  // Hour [1-24]
  k: function(date, token, localize2) {
    let hours = date.getHours();
    return hours === 0 && (hours = 24), token === "ko" ? localize2.ordinalNumber(hours, { unit: "hour" }) : addLeadingZeros(hours, token.length);
  },
  // Minute
  m: function(date, token, localize2) {
    return token === "mo" ? localize2.ordinalNumber(date.getMinutes(), { unit: "minute" }) : lightFormatters.m(date, token);
  },
  // Second
  s: function(date, token, localize2) {
    return token === "so" ? localize2.ordinalNumber(date.getSeconds(), { unit: "second" }) : lightFormatters.s(date, token);
  },
  // Fraction of second
  S: function(date, token) {
    return lightFormatters.S(date, token);
  },
  // Timezone (ISO-8601. If offset is 0, output is always `'Z'`)
  X: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    if (timezoneOffset === 0)
      return "Z";
    switch (token) {
      // Hours and optional minutes
      case "X":
        return formatTimezoneWithOptionalMinutes(timezoneOffset);
      // Hours, minutes and optional seconds without `:` delimiter
      // Note: neither ISO-8601 nor JavaScript supports seconds in timezone offsets
      // so this token always has the same output as `XX`
      case "XXXX":
      case "XX":
        return formatTimezone(timezoneOffset);
      // Hours and minutes with `:` delimiter
      default:
        return formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (ISO-8601. If offset is 0, output is `'+00:00'` or equivalent)
  x: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Hours and optional minutes
      case "x":
        return formatTimezoneWithOptionalMinutes(timezoneOffset);
      // Hours, minutes and optional seconds without `:` delimiter
      // Note: neither ISO-8601 nor JavaScript supports seconds in timezone offsets
      // so this token always has the same output as `xx`
      case "xxxx":
      case "xx":
        return formatTimezone(timezoneOffset);
      // Hours and minutes with `:` delimiter
      default:
        return formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (GMT)
  O: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Short
      case "O":
      case "OO":
      case "OOO":
        return "GMT" + formatTimezoneShort(timezoneOffset, ":");
      default:
        return "GMT" + formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (specific non-location)
  z: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Short
      case "z":
      case "zz":
      case "zzz":
        return "GMT" + formatTimezoneShort(timezoneOffset, ":");
      default:
        return "GMT" + formatTimezone(timezoneOffset, ":");
    }
  },
  // Seconds timestamp
  t: function(date, token, _localize) {
    let timestamp = Math.trunc(+date / 1e3);
    return addLeadingZeros(timestamp, token.length);
  },
  // Milliseconds timestamp
  T: function(date, token, _localize) {
    return addLeadingZeros(+date, token.length);
  }
};
function formatTimezoneShort(offset, delimiter = "") {
  let sign = offset > 0 ? "-" : "+", absOffset = Math.abs(offset), hours = Math.trunc(absOffset / 60), minutes = absOffset % 60;
  return minutes === 0 ? sign + String(hours) : sign + String(hours) + delimiter + addLeadingZeros(minutes, 2);
}
function formatTimezoneWithOptionalMinutes(offset, delimiter) {
  return offset % 60 === 0 ? (offset > 0 ? "-" : "+") + addLeadingZeros(Math.abs(offset) / 60, 2) : formatTimezone(offset, delimiter);
}
function formatTimezone(offset, delimiter = "") {
  let sign = offset > 0 ? "-" : "+", absOffset = Math.abs(offset), hours = addLeadingZeros(Math.trunc(absOffset / 60), 2), minutes = addLeadingZeros(absOffset % 60, 2);
  return sign + hours + delimiter + minutes;
}

// node_modules/date-fns/_lib/format/longFormatters.js
var dateLongFormatter = (pattern, formatLong2) => {
  switch (pattern) {
    case "P":
      return formatLong2.date({ width: "short" });
    case "PP":
      return formatLong2.date({ width: "medium" });
    case "PPP":
      return formatLong2.date({ width: "long" });
    default:
      return formatLong2.date({ width: "full" });
  }
}, timeLongFormatter = (pattern, formatLong2) => {
  switch (pattern) {
    case "p":
      return formatLong2.time({ width: "short" });
    case "pp":
      return formatLong2.time({ width: "medium" });
    case "ppp":
      return formatLong2.time({ width: "long" });
    default:
      return formatLong2.time({ width: "full" });
  }
}, dateTimeLongFormatter = (pattern, formatLong2) => {
  let matchResult = pattern.match(/(P+)(p+)?/) || [], datePattern = matchResult[1], timePattern = matchResult[2];
  if (!timePattern)
    return dateLongFormatter(pattern, formatLong2);
  let dateTimeFormat;
  switch (datePattern) {
    case "P":
      dateTimeFormat = formatLong2.dateTime({ width: "short" });
      break;
    case "PP":
      dateTimeFormat = formatLong2.dateTime({ width: "medium" });
      break;
    case "PPP":
      dateTimeFormat = formatLong2.dateTime({ width: "long" });
      break;
    default:
      dateTimeFormat = formatLong2.dateTime({ width: "full" });
      break;
  }
  return dateTimeFormat.replace("{{date}}", dateLongFormatter(datePattern, formatLong2)).replace("{{time}}", timeLongFormatter(timePattern, formatLong2));
}, longFormatters = {
  p: timeLongFormatter,
  P: dateTimeLongFormatter
};

// node_modules/date-fns/_lib/protectedTokens.js
var dayOfYearTokenRE = /^D+$/, weekYearTokenRE = /^Y+$/, throwTokens = ["D", "DD", "YY", "YYYY"];
function isProtectedDayOfYearToken(token) {
  return dayOfYearTokenRE.test(token);
}
function isProtectedWeekYearToken(token) {
  return weekYearTokenRE.test(token);
}
function warnOrThrowProtectedError(token, format2, input) {
  let _message = message(token, format2, input);
  if (console.warn(_message), throwTokens.includes(token)) throw new RangeError(_message);
}
function message(token, format2, input) {
  let subject = token[0] === "Y" ? "years" : "days of the month";
  return `Use \`${token.toLowerCase()}\` instead of \`${token}\` (in \`${format2}\`) for formatting ${subject} to the input \`${input}\`; see: https://github.com/date-fns/date-fns/blob/master/docs/unicodeTokens.md`;
}

// node_modules/date-fns/format.js
var formattingTokensRegExp = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g, longFormattingTokensRegExp = /P+p+|P+|p+|''|'(''|[^'])+('|$)|./g, escapedStringRegExp = /^'([^]*?)'?$/, doubleQuoteRegExp = /''/g, unescapedLatinCharacterRegExp = /[a-zA-Z]/;
function format(date, formatStr, options) {
  let defaultOptions2 = getDefaultOptions(), locale = options?.locale ?? defaultOptions2.locale ?? enUS, firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, originalDate = toDate(date, options?.in);
  if (!isValid(originalDate))
    throw new RangeError("Invalid time value");
  let parts = formatStr.match(longFormattingTokensRegExp).map((substring) => {
    let firstCharacter = substring[0];
    if (firstCharacter === "p" || firstCharacter === "P") {
      let longFormatter = longFormatters[firstCharacter];
      return longFormatter(substring, locale.formatLong);
    }
    return substring;
  }).join("").match(formattingTokensRegExp).map((substring) => {
    if (substring === "''")
      return { isToken: !1, value: "'" };
    let firstCharacter = substring[0];
    if (firstCharacter === "'")
      return { isToken: !1, value: cleanEscapedString(substring) };
    if (formatters[firstCharacter])
      return { isToken: !0, value: substring };
    if (firstCharacter.match(unescapedLatinCharacterRegExp))
      throw new RangeError(
        "Format string contains an unescaped latin alphabet character `" + firstCharacter + "`"
      );
    return { isToken: !1, value: substring };
  });
  locale.localize.preprocessor && (parts = locale.localize.preprocessor(originalDate, parts));
  let formatterOptions = {
    firstWeekContainsDate,
    weekStartsOn,
    locale
  };
  return parts.map((part) => {
    if (!part.isToken) return part.value;
    let token = part.value;
    (!options?.useAdditionalWeekYearTokens && isProtectedWeekYearToken(token) || !options?.useAdditionalDayOfYearTokens && isProtectedDayOfYearToken(token)) && warnOrThrowProtectedError(token, formatStr, String(date));
    let formatter = formatters[token[0]];
    return formatter(originalDate, token, locale.localize, formatterOptions);
  }).join("");
}
function cleanEscapedString(input) {
  let matched = input.match(escapedStringRegExp);
  return matched ? matched[1].replace(doubleQuoteRegExp, "'") : input;
}

// node_modules/date-fns/getDefaultOptions.js
function getDefaultOptions2() {
  return Object.assign({}, getDefaultOptions());
}

// node_modules/date-fns/getISODay.js
function getISODay(date, options) {
  let day = toDate(date, options?.in).getDay();
  return day === 0 ? 7 : day;
}

// node_modules/date-fns/transpose.js
function transpose(date, constructor) {
  let date_ = isConstructor(constructor) ? new constructor(0) : constructFrom(constructor, 0);
  return date_.setFullYear(date.getFullYear(), date.getMonth(), date.getDate()), date_.setHours(
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds()
  ), date_;
}
function isConstructor(constructor) {
  return typeof constructor == "function" && constructor.prototype?.constructor === constructor;
}

// node_modules/date-fns/parse/_lib/Setter.js
var TIMEZONE_UNIT_PRIORITY = 10, Setter = class {
  subPriority = 0;
  validate(_utcDate, _options) {
    return !0;
  }
}, ValueSetter = class extends Setter {
  constructor(value, validateValue, setValue, priority, subPriority) {
    super(), this.value = value, this.validateValue = validateValue, this.setValue = setValue, this.priority = priority, subPriority && (this.subPriority = subPriority);
  }
  validate(date, options) {
    return this.validateValue(date, this.value, options);
  }
  set(date, flags, options) {
    return this.setValue(date, flags, this.value, options);
  }
}, DateTimezoneSetter = class extends Setter {
  priority = TIMEZONE_UNIT_PRIORITY;
  subPriority = -1;
  constructor(context, reference) {
    super(), this.context = context || ((date) => constructFrom(reference, date));
  }
  set(date, flags) {
    return flags.timestampIsSet ? date : constructFrom(date, transpose(date, this.context));
  }
};

// node_modules/date-fns/parse/_lib/Parser.js
var Parser = class {
  run(dateString, token, match2, options) {
    let result = this.parse(dateString, token, match2, options);
    return result ? {
      setter: new ValueSetter(
        result.value,
        this.validate,
        this.set,
        this.priority,
        this.subPriority
      ),
      rest: result.rest
    } : null;
  }
  validate(_utcDate, _value, _options) {
    return !0;
  }
};

// node_modules/date-fns/parse/_lib/parsers/EraParser.js
var EraParser = class extends Parser {
  priority = 140;
  parse(dateString, token, match2) {
    switch (token) {
      // AD, BC
      case "G":
      case "GG":
      case "GGG":
        return match2.era(dateString, { width: "abbreviated" }) || match2.era(dateString, { width: "narrow" });
      // A, B
      case "GGGGG":
        return match2.era(dateString, { width: "narrow" });
      default:
        return match2.era(dateString, { width: "wide" }) || match2.era(dateString, { width: "abbreviated" }) || match2.era(dateString, { width: "narrow" });
    }
  }
  set(date, flags, value) {
    return flags.era = value, date.setFullYear(value, 0, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = ["R", "u", "t", "T"];
};

// node_modules/date-fns/parse/_lib/constants.js
var numericPatterns = {
  month: /^(1[0-2]|0?\d)/,
  // 0 to 12
  date: /^(3[0-1]|[0-2]?\d)/,
  // 0 to 31
  dayOfYear: /^(36[0-6]|3[0-5]\d|[0-2]?\d?\d)/,
  // 0 to 366
  week: /^(5[0-3]|[0-4]?\d)/,
  // 0 to 53
  hour23h: /^(2[0-3]|[0-1]?\d)/,
  // 0 to 23
  hour24h: /^(2[0-4]|[0-1]?\d)/,
  // 0 to 24
  hour11h: /^(1[0-1]|0?\d)/,
  // 0 to 11
  hour12h: /^(1[0-2]|0?\d)/,
  // 0 to 12
  minute: /^[0-5]?\d/,
  // 0 to 59
  second: /^[0-5]?\d/,
  // 0 to 59
  singleDigit: /^\d/,
  // 0 to 9
  twoDigits: /^\d{1,2}/,
  // 0 to 99
  threeDigits: /^\d{1,3}/,
  // 0 to 999
  fourDigits: /^\d{1,4}/,
  // 0 to 9999
  anyDigitsSigned: /^-?\d+/,
  singleDigitSigned: /^-?\d/,
  // 0 to 9, -0 to -9
  twoDigitsSigned: /^-?\d{1,2}/,
  // 0 to 99, -0 to -99
  threeDigitsSigned: /^-?\d{1,3}/,
  // 0 to 999, -0 to -999
  fourDigitsSigned: /^-?\d{1,4}/
  // 0 to 9999, -0 to -9999
}, timezonePatterns = {
  basicOptionalMinutes: /^([+-])(\d{2})(\d{2})?|Z/,
  basic: /^([+-])(\d{2})(\d{2})|Z/,
  basicOptionalSeconds: /^([+-])(\d{2})(\d{2})((\d{2}))?|Z/,
  extended: /^([+-])(\d{2}):(\d{2})|Z/,
  extendedOptionalSeconds: /^([+-])(\d{2}):(\d{2})(:(\d{2}))?|Z/
};

// node_modules/date-fns/parse/_lib/utils.js
function mapValue(parseFnResult, mapFn) {
  return parseFnResult && {
    value: mapFn(parseFnResult.value),
    rest: parseFnResult.rest
  };
}
function parseNumericPattern(pattern, dateString) {
  let matchResult = dateString.match(pattern);
  return matchResult ? {
    value: parseInt(matchResult[0], 10),
    rest: dateString.slice(matchResult[0].length)
  } : null;
}
function parseTimezonePattern(pattern, dateString) {
  let matchResult = dateString.match(pattern);
  if (!matchResult)
    return null;
  if (matchResult[0] === "Z")
    return {
      value: 0,
      rest: dateString.slice(1)
    };
  let sign = matchResult[1] === "+" ? 1 : -1, hours = matchResult[2] ? parseInt(matchResult[2], 10) : 0, minutes = matchResult[3] ? parseInt(matchResult[3], 10) : 0, seconds = matchResult[5] ? parseInt(matchResult[5], 10) : 0;
  return {
    value: sign * (hours * millisecondsInHour + minutes * millisecondsInMinute + seconds * millisecondsInSecond),
    rest: dateString.slice(matchResult[0].length)
  };
}
function parseAnyDigitsSigned(dateString) {
  return parseNumericPattern(numericPatterns.anyDigitsSigned, dateString);
}
function parseNDigits(n, dateString) {
  switch (n) {
    case 1:
      return parseNumericPattern(numericPatterns.singleDigit, dateString);
    case 2:
      return parseNumericPattern(numericPatterns.twoDigits, dateString);
    case 3:
      return parseNumericPattern(numericPatterns.threeDigits, dateString);
    case 4:
      return parseNumericPattern(numericPatterns.fourDigits, dateString);
    default:
      return parseNumericPattern(new RegExp("^\\d{1," + n + "}"), dateString);
  }
}
function parseNDigitsSigned(n, dateString) {
  switch (n) {
    case 1:
      return parseNumericPattern(numericPatterns.singleDigitSigned, dateString);
    case 2:
      return parseNumericPattern(numericPatterns.twoDigitsSigned, dateString);
    case 3:
      return parseNumericPattern(numericPatterns.threeDigitsSigned, dateString);
    case 4:
      return parseNumericPattern(numericPatterns.fourDigitsSigned, dateString);
    default:
      return parseNumericPattern(new RegExp("^-?\\d{1," + n + "}"), dateString);
  }
}
function dayPeriodEnumToHours(dayPeriod) {
  switch (dayPeriod) {
    case "morning":
      return 4;
    case "evening":
      return 17;
    case "pm":
    case "noon":
    case "afternoon":
      return 12;
    default:
      return 0;
  }
}
function normalizeTwoDigitYear(twoDigitYear, currentYear) {
  let isCommonEra = currentYear > 0, absCurrentYear = isCommonEra ? currentYear : 1 - currentYear, result;
  if (absCurrentYear <= 50)
    result = twoDigitYear || 100;
  else {
    let rangeEnd = absCurrentYear + 50, rangeEndCentury = Math.trunc(rangeEnd / 100) * 100, isPreviousCentury = twoDigitYear >= rangeEnd % 100;
    result = twoDigitYear + rangeEndCentury - (isPreviousCentury ? 100 : 0);
  }
  return isCommonEra ? result : 1 - result;
}
function isLeapYearIndex(year) {
  return year % 400 === 0 || year % 4 === 0 && year % 100 !== 0;
}

// node_modules/date-fns/parse/_lib/parsers/YearParser.js
var YearParser = class extends Parser {
  priority = 130;
  incompatibleTokens = ["Y", "R", "u", "w", "I", "i", "e", "c", "t", "T"];
  parse(dateString, token, match2) {
    let valueCallback = (year) => ({
      year,
      isTwoDigitYear: token === "yy"
    });
    switch (token) {
      case "y":
        return mapValue(parseNDigits(4, dateString), valueCallback);
      case "yo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "year"
          }),
          valueCallback
        );
      default:
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
    }
  }
  validate(_date, value) {
    return value.isTwoDigitYear || value.year > 0;
  }
  set(date, flags, value) {
    let currentYear = date.getFullYear();
    if (value.isTwoDigitYear) {
      let normalizedTwoDigitYear = normalizeTwoDigitYear(
        value.year,
        currentYear
      );
      return date.setFullYear(normalizedTwoDigitYear, 0, 1), date.setHours(0, 0, 0, 0), date;
    }
    let year = !("era" in flags) || flags.era === 1 ? value.year : 1 - value.year;
    return date.setFullYear(year, 0, 1), date.setHours(0, 0, 0, 0), date;
  }
};

// node_modules/date-fns/parse/_lib/parsers/LocalWeekYearParser.js
var LocalWeekYearParser = class extends Parser {
  priority = 130;
  parse(dateString, token, match2) {
    let valueCallback = (year) => ({
      year,
      isTwoDigitYear: token === "YY"
    });
    switch (token) {
      case "Y":
        return mapValue(parseNDigits(4, dateString), valueCallback);
      case "Yo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "year"
          }),
          valueCallback
        );
      default:
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
    }
  }
  validate(_date, value) {
    return value.isTwoDigitYear || value.year > 0;
  }
  set(date, flags, value, options) {
    let currentYear = getWeekYear(date, options);
    if (value.isTwoDigitYear) {
      let normalizedTwoDigitYear = normalizeTwoDigitYear(
        value.year,
        currentYear
      );
      return date.setFullYear(
        normalizedTwoDigitYear,
        0,
        options.firstWeekContainsDate
      ), date.setHours(0, 0, 0, 0), startOfWeek(date, options);
    }
    let year = !("era" in flags) || flags.era === 1 ? value.year : 1 - value.year;
    return date.setFullYear(year, 0, options.firstWeekContainsDate), date.setHours(0, 0, 0, 0), startOfWeek(date, options);
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "Q",
    "q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "i",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/ISOWeekYearParser.js
var ISOWeekYearParser = class extends Parser {
  priority = 130;
  parse(dateString, token) {
    return token === "R" ? parseNDigitsSigned(4, dateString) : parseNDigitsSigned(token.length, dateString);
  }
  set(date, _flags, value) {
    let firstWeekOfYear = constructFrom(date, 0);
    return firstWeekOfYear.setFullYear(value, 0, 4), firstWeekOfYear.setHours(0, 0, 0, 0), startOfISOWeek(firstWeekOfYear);
  }
  incompatibleTokens = [
    "G",
    "y",
    "Y",
    "u",
    "Q",
    "q",
    "M",
    "L",
    "w",
    "d",
    "D",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/ExtendedYearParser.js
var ExtendedYearParser = class extends Parser {
  priority = 130;
  parse(dateString, token) {
    return token === "u" ? parseNDigitsSigned(4, dateString) : parseNDigitsSigned(token.length, dateString);
  }
  set(date, _flags, value) {
    return date.setFullYear(value, 0, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = ["G", "y", "Y", "R", "w", "I", "i", "e", "c", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/QuarterParser.js
var QuarterParser = class extends Parser {
  priority = 120;
  parse(dateString, token, match2) {
    switch (token) {
      // 1, 2, 3, 4
      case "Q":
      case "QQ":
        return parseNDigits(token.length, dateString);
      // 1st, 2nd, 3rd, 4th
      case "Qo":
        return match2.ordinalNumber(dateString, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "QQQ":
        return match2.quarter(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "formatting"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "QQQQQ":
        return match2.quarter(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.quarter(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.quarter(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 4;
  }
  set(date, _flags, value) {
    return date.setMonth((value - 1) * 3, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "M",
    "L",
    "w",
    "I",
    "d",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/StandAloneQuarterParser.js
var StandAloneQuarterParser = class extends Parser {
  priority = 120;
  parse(dateString, token, match2) {
    switch (token) {
      // 1, 2, 3, 4
      case "q":
      case "qq":
        return parseNDigits(token.length, dateString);
      // 1st, 2nd, 3rd, 4th
      case "qo":
        return match2.ordinalNumber(dateString, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "qqq":
        return match2.quarter(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "standalone"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "qqqqq":
        return match2.quarter(dateString, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return match2.quarter(dateString, {
          width: "wide",
          context: "standalone"
        }) || match2.quarter(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "standalone"
        });
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 4;
  }
  set(date, _flags, value) {
    return date.setMonth((value - 1) * 3, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "Q",
    "M",
    "L",
    "w",
    "I",
    "d",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/MonthParser.js
var MonthParser = class extends Parser {
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "L",
    "w",
    "I",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
  priority = 110;
  parse(dateString, token, match2) {
    let valueCallback = (value) => value - 1;
    switch (token) {
      // 1, 2, ..., 12
      case "M":
        return mapValue(
          parseNumericPattern(numericPatterns.month, dateString),
          valueCallback
        );
      // 01, 02, ..., 12
      case "MM":
        return mapValue(parseNDigits(2, dateString), valueCallback);
      // 1st, 2nd, ..., 12th
      case "Mo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "month"
          }),
          valueCallback
        );
      // Jan, Feb, ..., Dec
      case "MMM":
        return match2.month(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.month(dateString, { width: "narrow", context: "formatting" });
      // J, F, ..., D
      case "MMMMM":
        return match2.month(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.month(dateString, { width: "wide", context: "formatting" }) || match2.month(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.month(dateString, { width: "narrow", context: "formatting" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 11;
  }
  set(date, _flags, value) {
    return date.setMonth(value, 1), date.setHours(0, 0, 0, 0), date;
  }
};

// node_modules/date-fns/parse/_lib/parsers/StandAloneMonthParser.js
var StandAloneMonthParser = class extends Parser {
  priority = 110;
  parse(dateString, token, match2) {
    let valueCallback = (value) => value - 1;
    switch (token) {
      // 1, 2, ..., 12
      case "L":
        return mapValue(
          parseNumericPattern(numericPatterns.month, dateString),
          valueCallback
        );
      // 01, 02, ..., 12
      case "LL":
        return mapValue(parseNDigits(2, dateString), valueCallback);
      // 1st, 2nd, ..., 12th
      case "Lo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "month"
          }),
          valueCallback
        );
      // Jan, Feb, ..., Dec
      case "LLL":
        return match2.month(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.month(dateString, { width: "narrow", context: "standalone" });
      // J, F, ..., D
      case "LLLLL":
        return match2.month(dateString, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return match2.month(dateString, { width: "wide", context: "standalone" }) || match2.month(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.month(dateString, { width: "narrow", context: "standalone" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 11;
  }
  set(date, _flags, value) {
    return date.setMonth(value, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "M",
    "w",
    "I",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setWeek.js
function setWeek(date, week, options) {
  let date_ = toDate(date, options?.in), diff = getWeek(date_, options) - week;
  return date_.setDate(date_.getDate() - diff * 7), toDate(date_, options?.in);
}

// node_modules/date-fns/parse/_lib/parsers/LocalWeekParser.js
var LocalWeekParser = class extends Parser {
  priority = 100;
  parse(dateString, token, match2) {
    switch (token) {
      case "w":
        return parseNumericPattern(numericPatterns.week, dateString);
      case "wo":
        return match2.ordinalNumber(dateString, { unit: "week" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 53;
  }
  set(date, _flags, value, options) {
    return startOfWeek(setWeek(date, value, options), options);
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "i",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setISOWeek.js
function setISOWeek(date, week, options) {
  let _date = toDate(date, options?.in), diff = getISOWeek(_date, options) - week;
  return _date.setDate(_date.getDate() - diff * 7), _date;
}

// node_modules/date-fns/parse/_lib/parsers/ISOWeekParser.js
var ISOWeekParser = class extends Parser {
  priority = 100;
  parse(dateString, token, match2) {
    switch (token) {
      case "I":
        return parseNumericPattern(numericPatterns.week, dateString);
      case "Io":
        return match2.ordinalNumber(dateString, { unit: "week" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 53;
  }
  set(date, _flags, value) {
    return startOfISOWeek(setISOWeek(date, value));
  }
  incompatibleTokens = [
    "y",
    "Y",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "w",
    "d",
    "D",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/DateParser.js
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], DAYS_IN_MONTH_LEAP_YEAR = [
  31,
  29,
  31,
  30,
  31,
  30,
  31,
  31,
  30,
  31,
  30,
  31
], DateParser = class extends Parser {
  priority = 90;
  subPriority = 1;
  parse(dateString, token, match2) {
    switch (token) {
      case "d":
        return parseNumericPattern(numericPatterns.date, dateString);
      case "do":
        return match2.ordinalNumber(dateString, { unit: "date" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(date, value) {
    let year = date.getFullYear(), isLeapYear = isLeapYearIndex(year), month = date.getMonth();
    return isLeapYear ? value >= 1 && value <= DAYS_IN_MONTH_LEAP_YEAR[month] : value >= 1 && value <= DAYS_IN_MONTH[month];
  }
  set(date, _flags, value) {
    return date.setDate(value), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "w",
    "I",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/DayOfYearParser.js
var DayOfYearParser = class extends Parser {
  priority = 90;
  subpriority = 1;
  parse(dateString, token, match2) {
    switch (token) {
      case "D":
      case "DD":
        return parseNumericPattern(numericPatterns.dayOfYear, dateString);
      case "Do":
        return match2.ordinalNumber(dateString, { unit: "date" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(date, value) {
    let year = date.getFullYear();
    return isLeapYearIndex(year) ? value >= 1 && value <= 366 : value >= 1 && value <= 365;
  }
  set(date, _flags, value) {
    return date.setMonth(0, value), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "M",
    "L",
    "w",
    "I",
    "d",
    "E",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setDay.js
function setDay(date, day, options) {
  let defaultOptions2 = getDefaultOptions(), weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, date_ = toDate(date, options?.in), currentDay = date_.getDay(), dayIndex = (day % 7 + 7) % 7, delta = 7 - weekStartsOn, diff = day < 0 || day > 6 ? day - (currentDay + delta) % 7 : (dayIndex + delta) % 7 - (currentDay + delta) % 7;
  return addDays(date_, diff, options);
}

// node_modules/date-fns/parse/_lib/parsers/DayParser.js
var DayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2) {
    switch (token) {
      // Tue
      case "E":
      case "EE":
      case "EEE":
        return match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      // T
      case "EEEEE":
        return match2.day(dateString, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "EEEEEE":
        return match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      default:
        return match2.day(dateString, { width: "wide", context: "formatting" }) || match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 6;
  }
  set(date, _flags, value, options) {
    return date = setDay(date, value, options), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = ["D", "i", "e", "c", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/LocalDayParser.js
var LocalDayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2, options) {
    let valueCallback = (value) => {
      let wholeWeekDays = Math.floor((value - 1) / 7) * 7;
      return (value + options.weekStartsOn + 6) % 7 + wholeWeekDays;
    };
    switch (token) {
      // 3
      case "e":
      case "ee":
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
      // 3rd
      case "eo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "day"
          }),
          valueCallback
        );
      // Tue
      case "eee":
        return match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      // T
      case "eeeee":
        return match2.day(dateString, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "eeeeee":
        return match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      default:
        return match2.day(dateString, { width: "wide", context: "formatting" }) || match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 6;
  }
  set(date, _flags, value, options) {
    return date = setDay(date, value, options), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "E",
    "i",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/StandAloneLocalDayParser.js
var StandAloneLocalDayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2, options) {
    let valueCallback = (value) => {
      let wholeWeekDays = Math.floor((value - 1) / 7) * 7;
      return (value + options.weekStartsOn + 6) % 7 + wholeWeekDays;
    };
    switch (token) {
      // 3
      case "c":
      case "cc":
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
      // 3rd
      case "co":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "day"
          }),
          valueCallback
        );
      // Tue
      case "ccc":
        return match2.day(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.day(dateString, { width: "short", context: "standalone" }) || match2.day(dateString, { width: "narrow", context: "standalone" });
      // T
      case "ccccc":
        return match2.day(dateString, {
          width: "narrow",
          context: "standalone"
        });
      // Tu
      case "cccccc":
        return match2.day(dateString, { width: "short", context: "standalone" }) || match2.day(dateString, { width: "narrow", context: "standalone" });
      default:
        return match2.day(dateString, { width: "wide", context: "standalone" }) || match2.day(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.day(dateString, { width: "short", context: "standalone" }) || match2.day(dateString, { width: "narrow", context: "standalone" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 6;
  }
  set(date, _flags, value, options) {
    return date = setDay(date, value, options), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "E",
    "i",
    "e",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setISODay.js
function setISODay(date, day, options) {
  let date_ = toDate(date, options?.in), currentDay = getISODay(date_, options), diff = day - currentDay;
  return addDays(date_, diff, options);
}

// node_modules/date-fns/parse/_lib/parsers/ISODayParser.js
var ISODayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2) {
    let valueCallback = (value) => value === 0 ? 7 : value;
    switch (token) {
      // 2
      case "i":
      case "ii":
        return parseNDigits(token.length, dateString);
      // 2nd
      case "io":
        return match2.ordinalNumber(dateString, { unit: "day" });
      // Tue
      case "iii":
        return mapValue(
          match2.day(dateString, {
            width: "abbreviated",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "short",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
      // T
      case "iiiii":
        return mapValue(
          match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
      // Tu
      case "iiiiii":
        return mapValue(
          match2.day(dateString, {
            width: "short",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
      default:
        return mapValue(
          match2.day(dateString, {
            width: "wide",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "abbreviated",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "short",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 7;
  }
  set(date, _flags, value) {
    return date = setISODay(date, value), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "y",
    "Y",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "w",
    "d",
    "D",
    "E",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/AMPMParser.js
var AMPMParser = class extends Parser {
  priority = 80;
  parse(dateString, token, match2) {
    switch (token) {
      case "a":
      case "aa":
      case "aaa":
        return match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      case "aaaaa":
        return match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.dayPeriod(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  set(date, _flags, value) {
    return date.setHours(dayPeriodEnumToHours(value), 0, 0, 0), date;
  }
  incompatibleTokens = ["b", "B", "H", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/AMPMMidnightParser.js
var AMPMMidnightParser = class extends Parser {
  priority = 80;
  parse(dateString, token, match2) {
    switch (token) {
      case "b":
      case "bb":
      case "bbb":
        return match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      case "bbbbb":
        return match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.dayPeriod(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  set(date, _flags, value) {
    return date.setHours(dayPeriodEnumToHours(value), 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "B", "H", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/DayPeriodParser.js
var DayPeriodParser = class extends Parser {
  priority = 80;
  parse(dateString, token, match2) {
    switch (token) {
      case "B":
      case "BB":
      case "BBB":
        return match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      case "BBBBB":
        return match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.dayPeriod(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  set(date, _flags, value) {
    return date.setHours(dayPeriodEnumToHours(value), 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "b", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour1to12Parser.js
var Hour1to12Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "h":
        return parseNumericPattern(numericPatterns.hour12h, dateString);
      case "ho":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 12;
  }
  set(date, _flags, value) {
    let isPM = date.getHours() >= 12;
    return isPM && value < 12 ? date.setHours(value + 12, 0, 0, 0) : !isPM && value === 12 ? date.setHours(0, 0, 0, 0) : date.setHours(value, 0, 0, 0), date;
  }
  incompatibleTokens = ["H", "K", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour0to23Parser.js
var Hour0to23Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "H":
        return parseNumericPattern(numericPatterns.hour23h, dateString);
      case "Ho":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 23;
  }
  set(date, _flags, value) {
    return date.setHours(value, 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "b", "h", "K", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour0To11Parser.js
var Hour0To11Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "K":
        return parseNumericPattern(numericPatterns.hour11h, dateString);
      case "Ko":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 11;
  }
  set(date, _flags, value) {
    return date.getHours() >= 12 && value < 12 ? date.setHours(value + 12, 0, 0, 0) : date.setHours(value, 0, 0, 0), date;
  }
  incompatibleTokens = ["h", "H", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour1To24Parser.js
var Hour1To24Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "k":
        return parseNumericPattern(numericPatterns.hour24h, dateString);
      case "ko":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 24;
  }
  set(date, _flags, value) {
    let hours = value <= 24 ? value % 24 : value;
    return date.setHours(hours, 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "b", "h", "H", "K", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/MinuteParser.js
var MinuteParser = class extends Parser {
  priority = 60;
  parse(dateString, token, match2) {
    switch (token) {
      case "m":
        return parseNumericPattern(numericPatterns.minute, dateString);
      case "mo":
        return match2.ordinalNumber(dateString, { unit: "minute" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 59;
  }
  set(date, _flags, value) {
    return date.setMinutes(value, 0, 0), date;
  }
  incompatibleTokens = ["t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/SecondParser.js
var SecondParser = class extends Parser {
  priority = 50;
  parse(dateString, token, match2) {
    switch (token) {
      case "s":
        return parseNumericPattern(numericPatterns.second, dateString);
      case "so":
        return match2.ordinalNumber(dateString, { unit: "second" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 59;
  }
  set(date, _flags, value) {
    return date.setSeconds(value, 0), date;
  }
  incompatibleTokens = ["t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/FractionOfSecondParser.js
var FractionOfSecondParser = class extends Parser {
  priority = 30;
  parse(dateString, token) {
    let valueCallback = (value) => Math.trunc(value * Math.pow(10, -token.length + 3));
    return mapValue(parseNDigits(token.length, dateString), valueCallback);
  }
  set(date, _flags, value) {
    return date.setMilliseconds(value), date;
  }
  incompatibleTokens = ["t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/ISOTimezoneWithZParser.js
var ISOTimezoneWithZParser = class extends Parser {
  priority = 10;
  parse(dateString, token) {
    switch (token) {
      case "X":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalMinutes,
          dateString
        );
      case "XX":
        return parseTimezonePattern(timezonePatterns.basic, dateString);
      case "XXXX":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalSeconds,
          dateString
        );
      case "XXXXX":
        return parseTimezonePattern(
          timezonePatterns.extendedOptionalSeconds,
          dateString
        );
      default:
        return parseTimezonePattern(timezonePatterns.extended, dateString);
    }
  }
  set(date, flags, value) {
    return flags.timestampIsSet ? date : constructFrom(
      date,
      date.getTime() - getTimezoneOffsetInMilliseconds(date) - value
    );
  }
  incompatibleTokens = ["t", "T", "x"];
};

// node_modules/date-fns/parse/_lib/parsers/ISOTimezoneParser.js
var ISOTimezoneParser = class extends Parser {
  priority = 10;
  parse(dateString, token) {
    switch (token) {
      case "x":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalMinutes,
          dateString
        );
      case "xx":
        return parseTimezonePattern(timezonePatterns.basic, dateString);
      case "xxxx":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalSeconds,
          dateString
        );
      case "xxxxx":
        return parseTimezonePattern(
          timezonePatterns.extendedOptionalSeconds,
          dateString
        );
      default:
        return parseTimezonePattern(timezonePatterns.extended, dateString);
    }
  }
  set(date, flags, value) {
    return flags.timestampIsSet ? date : constructFrom(
      date,
      date.getTime() - getTimezoneOffsetInMilliseconds(date) - value
    );
  }
  incompatibleTokens = ["t", "T", "X"];
};

// node_modules/date-fns/parse/_lib/parsers/TimestampSecondsParser.js
var TimestampSecondsParser = class extends Parser {
  priority = 40;
  parse(dateString) {
    return parseAnyDigitsSigned(dateString);
  }
  set(date, _flags, value) {
    return [constructFrom(date, value * 1e3), { timestampIsSet: !0 }];
  }
  incompatibleTokens = "*";
};

// node_modules/date-fns/parse/_lib/parsers/TimestampMillisecondsParser.js
var TimestampMillisecondsParser = class extends Parser {
  priority = 20;
  parse(dateString) {
    return parseAnyDigitsSigned(dateString);
  }
  set(date, _flags, value) {
    return [constructFrom(date, value), { timestampIsSet: !0 }];
  }
  incompatibleTokens = "*";
};

// node_modules/date-fns/parse/_lib/parsers.js
var parsers = {
  G: new EraParser(),
  y: new YearParser(),
  Y: new LocalWeekYearParser(),
  R: new ISOWeekYearParser(),
  u: new ExtendedYearParser(),
  Q: new QuarterParser(),
  q: new StandAloneQuarterParser(),
  M: new MonthParser(),
  L: new StandAloneMonthParser(),
  w: new LocalWeekParser(),
  I: new ISOWeekParser(),
  d: new DateParser(),
  D: new DayOfYearParser(),
  E: new DayParser(),
  e: new LocalDayParser(),
  c: new StandAloneLocalDayParser(),
  i: new ISODayParser(),
  a: new AMPMParser(),
  b: new AMPMMidnightParser(),
  B: new DayPeriodParser(),
  h: new Hour1to12Parser(),
  H: new Hour0to23Parser(),
  K: new Hour0To11Parser(),
  k: new Hour1To24Parser(),
  m: new MinuteParser(),
  s: new SecondParser(),
  S: new FractionOfSecondParser(),
  X: new ISOTimezoneWithZParser(),
  x: new ISOTimezoneParser(),
  t: new TimestampSecondsParser(),
  T: new TimestampMillisecondsParser()
};

// node_modules/date-fns/parse.js
var formattingTokensRegExp2 = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g, longFormattingTokensRegExp2 = /P+p+|P+|p+|''|'(''|[^'])+('|$)|./g, escapedStringRegExp2 = /^'([^]*?)'?$/, doubleQuoteRegExp2 = /''/g, notWhitespaceRegExp = /\S/, unescapedLatinCharacterRegExp2 = /[a-zA-Z]/;
function parse(dateStr, formatStr, referenceDate, options) {
  let invalidDate = () => constructFrom(options?.in || referenceDate, NaN), defaultOptions2 = getDefaultOptions2(), locale = options?.locale ?? defaultOptions2.locale ?? enUS, firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0;
  if (!formatStr)
    return dateStr ? invalidDate() : toDate(referenceDate, options?.in);
  let subFnOptions = {
    firstWeekContainsDate,
    weekStartsOn,
    locale
  }, setters = [new DateTimezoneSetter(options?.in, referenceDate)], tokens = formatStr.match(longFormattingTokensRegExp2).map((substring) => {
    let firstCharacter = substring[0];
    if (firstCharacter in longFormatters) {
      let longFormatter = longFormatters[firstCharacter];
      return longFormatter(substring, locale.formatLong);
    }
    return substring;
  }).join("").match(formattingTokensRegExp2), usedTokens = [];
  for (let token of tokens) {
    !options?.useAdditionalWeekYearTokens && isProtectedWeekYearToken(token) && warnOrThrowProtectedError(token, formatStr, dateStr), !options?.useAdditionalDayOfYearTokens && isProtectedDayOfYearToken(token) && warnOrThrowProtectedError(token, formatStr, dateStr);
    let firstCharacter = token[0], parser = parsers[firstCharacter];
    if (parser) {
      let { incompatibleTokens } = parser;
      if (Array.isArray(incompatibleTokens)) {
        let incompatibleToken = usedTokens.find(
          (usedToken) => incompatibleTokens.includes(usedToken.token) || usedToken.token === firstCharacter
        );
        if (incompatibleToken)
          throw new RangeError(
            `The format string mustn't contain \`${incompatibleToken.fullToken}\` and \`${token}\` at the same time`
          );
      } else if (parser.incompatibleTokens === "*" && usedTokens.length > 0)
        throw new RangeError(
          `The format string mustn't contain \`${token}\` and any other token at the same time`
        );
      usedTokens.push({ token: firstCharacter, fullToken: token });
      let parseResult = parser.run(
        dateStr,
        token,
        locale.match,
        subFnOptions
      );
      if (!parseResult)
        return invalidDate();
      setters.push(parseResult.setter), dateStr = parseResult.rest;
    } else {
      if (firstCharacter.match(unescapedLatinCharacterRegExp2))
        throw new RangeError(
          "Format string contains an unescaped latin alphabet character `" + firstCharacter + "`"
        );
      if (token === "''" ? token = "'" : firstCharacter === "'" && (token = cleanEscapedString2(token)), dateStr.indexOf(token) === 0)
        dateStr = dateStr.slice(token.length);
      else
        return invalidDate();
    }
  }
  if (dateStr.length > 0 && notWhitespaceRegExp.test(dateStr))
    return invalidDate();
  let uniquePrioritySetters = setters.map((setter) => setter.priority).sort((a, b) => b - a).filter((priority, index, array) => array.indexOf(priority) === index).map(
    (priority) => setters.filter((setter) => setter.priority === priority).sort((a, b) => b.subPriority - a.subPriority)
  ).map((setterArray) => setterArray[0]), date = toDate(referenceDate, options?.in);
  if (isNaN(+date)) return invalidDate();
  let flags = {};
  for (let setter of uniquePrioritySetters) {
    if (!setter.validate(date, subFnOptions))
      return invalidDate();
    let result = setter.set(date, flags, subFnOptions);
    Array.isArray(result) ? (date = result[0], Object.assign(flags, result[1])) : date = result;
  }
  return date;
}
function cleanEscapedString2(input) {
  return input.match(escapedStringRegExp2)[1].replace(doubleQuoteRegExp2, "'");
}

// node_modules/date-fns/subDays.js
function subDays(date, amount, options) {
  return addDays(date, -amount, options);
}

// node_modules/date-fns/parseISO.js
function parseISO(argument, options) {
  let invalidDate = () => constructFrom(options?.in, NaN), additionalDigits = options?.additionalDigits ?? 2, dateStrings = splitDateString(argument), date;
  if (dateStrings.date) {
    let parseYearResult = parseYear(dateStrings.date, additionalDigits);
    date = parseDate(parseYearResult.restDateString, parseYearResult.year);
  }
  if (!date || isNaN(+date)) return invalidDate();
  let timestamp = +date, time = 0, offset;
  if (dateStrings.time && (time = parseTime(dateStrings.time), isNaN(time)))
    return invalidDate();
  if (dateStrings.timezone) {
    if (offset = parseTimezone(dateStrings.timezone), isNaN(offset)) return invalidDate();
  } else {
    let tmpDate = new Date(timestamp + time), result = toDate(0, options?.in);
    return result.setFullYear(
      tmpDate.getUTCFullYear(),
      tmpDate.getUTCMonth(),
      tmpDate.getUTCDate()
    ), result.setHours(
      tmpDate.getUTCHours(),
      tmpDate.getUTCMinutes(),
      tmpDate.getUTCSeconds(),
      tmpDate.getUTCMilliseconds()
    ), result;
  }
  return toDate(timestamp + time + offset, options?.in);
}
var patterns = {
  dateTimeDelimiter: /[T ]/,
  timeZoneDelimiter: /[Z ]/i,
  timezone: /([Z+-].*)$/
}, dateRegex = /^-?(?:(\d{3})|(\d{2})(?:-?(\d{2}))?|W(\d{2})(?:-?(\d{1}))?|)$/, timeRegex = /^(\d{2}(?:[.,]\d*)?)(?::?(\d{2}(?:[.,]\d*)?))?(?::?(\d{2}(?:[.,]\d*)?))?$/, timezoneRegex = /^([+-])(\d{2})(?::?(\d{2}))?$/;
function splitDateString(dateString) {
  let dateStrings = {}, array = dateString.split(patterns.dateTimeDelimiter), timeString;
  if (array.length > 2)
    return dateStrings;
  if (/:/.test(array[0]) ? timeString = array[0] : (dateStrings.date = array[0], timeString = array[1], patterns.timeZoneDelimiter.test(dateStrings.date) && (dateStrings.date = dateString.split(patterns.timeZoneDelimiter)[0], timeString = dateString.substr(
    dateStrings.date.length,
    dateString.length
  ))), timeString) {
    let token = patterns.timezone.exec(timeString);
    token ? (dateStrings.time = timeString.replace(token[1], ""), dateStrings.timezone = token[1]) : dateStrings.time = timeString;
  }
  return dateStrings;
}
function parseYear(dateString, additionalDigits) {
  let regex = new RegExp(
    "^(?:(\\d{4}|[+-]\\d{" + (4 + additionalDigits) + "})|(\\d{2}|[+-]\\d{" + (2 + additionalDigits) + "})$)"
  ), captures = dateString.match(regex);
  if (!captures) return { year: NaN, restDateString: "" };
  let year = captures[1] ? parseInt(captures[1]) : null, century = captures[2] ? parseInt(captures[2]) : null;
  return {
    year: century === null ? year : century * 100,
    restDateString: dateString.slice((captures[1] || captures[2]).length)
  };
}
function parseDate(dateString, year) {
  if (year === null) return /* @__PURE__ */ new Date(NaN);
  let captures = dateString.match(dateRegex);
  if (!captures) return /* @__PURE__ */ new Date(NaN);
  let isWeekDate = !!captures[4], dayOfYear = parseDateUnit(captures[1]), month = parseDateUnit(captures[2]) - 1, day = parseDateUnit(captures[3]), week = parseDateUnit(captures[4]), dayOfWeek = parseDateUnit(captures[5]) - 1;
  if (isWeekDate)
    return validateWeekDate(year, week, dayOfWeek) ? dayOfISOWeekYear(year, week, dayOfWeek) : /* @__PURE__ */ new Date(NaN);
  {
    let date = /* @__PURE__ */ new Date(0);
    return !validateDate(year, month, day) || !validateDayOfYearDate(year, dayOfYear) ? /* @__PURE__ */ new Date(NaN) : (date.setUTCFullYear(year, month, Math.max(dayOfYear, day)), date);
  }
}
function parseDateUnit(value) {
  return value ? parseInt(value) : 1;
}
function parseTime(timeString) {
  let captures = timeString.match(timeRegex);
  if (!captures) return NaN;
  let hours = parseTimeUnit(captures[1]), minutes = parseTimeUnit(captures[2]), seconds = parseTimeUnit(captures[3]);
  return validateTime(hours, minutes, seconds) ? hours * millisecondsInHour + minutes * millisecondsInMinute + seconds * 1e3 : NaN;
}
function parseTimeUnit(value) {
  return value && parseFloat(value.replace(",", ".")) || 0;
}
function parseTimezone(timezoneString) {
  if (timezoneString === "Z") return 0;
  let captures = timezoneString.match(timezoneRegex);
  if (!captures) return 0;
  let sign = captures[1] === "+" ? -1 : 1, hours = parseInt(captures[2]), minutes = captures[3] && parseInt(captures[3]) || 0;
  return validateTimezone(hours, minutes) ? sign * (hours * millisecondsInHour + minutes * millisecondsInMinute) : NaN;
}
function dayOfISOWeekYear(isoWeekYear, week, day) {
  let date = /* @__PURE__ */ new Date(0);
  date.setUTCFullYear(isoWeekYear, 0, 4);
  let fourthOfJanuaryDay = date.getUTCDay() || 7, diff = (week - 1) * 7 + day + 1 - fourthOfJanuaryDay;
  return date.setUTCDate(date.getUTCDate() + diff), date;
}
var daysInMonths = [31, null, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isLeapYearIndex2(year) {
  return year % 400 === 0 || year % 4 === 0 && year % 100 !== 0;
}
function validateDate(year, month, date) {
  return month >= 0 && month <= 11 && date >= 1 && date <= (daysInMonths[month] || (isLeapYearIndex2(year) ? 29 : 28));
}
function validateDayOfYearDate(year, dayOfYear) {
  return dayOfYear >= 1 && dayOfYear <= (isLeapYearIndex2(year) ? 366 : 365);
}
function validateWeekDate(_year, week, day) {
  return week >= 1 && week <= 53 && day >= 0 && day <= 6;
}
function validateTime(hours, minutes, seconds) {
  return hours === 24 ? minutes === 0 && seconds === 0 : seconds >= 0 && seconds < 60 && minutes >= 0 && minutes < 60 && hours >= 0 && hours < 25;
}
function validateTimezone(_hours, minutes) {
  return minutes >= 0 && minutes <= 59;
}

// src/format/text.ts
var DEFAULT_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx", MARKS = { line: "|", piece: "+", redrawn: "~", screen: "=", history: "<", event: "*" }, KINDS = { "|": "line", "+": "piece", "~": "redrawn", "=": "screen", "<": "history", "*": "event" };
function makeClock(timeFormat) {
  let lastMs = Number.NaN, last = "";
  return (ms) => (ms !== lastMs && (lastMs = ms, last = escapeText(format(ms, timeFormat))), last);
}
function timeFormatProblem(timeFormat) {
  if (timeFormat.length === 0) return "it is empty";
  try {
    return format(0, timeFormat).startsWith("{") ? "its stamps would start with '{' (read as JSON lines)" : void 0;
  } catch (error) {
    return error.message;
  }
}
var UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/, UNSAFE_ALL = new RegExp(UNSAFE.source, "g"), PLAIN_VALUE = new RegExp(`^(?:(?!${UNSAFE.source})[^\\s"=\\\\])+$`), escapeCharacter = (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`, UNSAFE_FOR_TERMINAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/, UNSAFE_FOR_TERMINAL_ALL = new RegExp(UNSAFE_FOR_TERMINAL.source, "g");
function escapeForTerminal(text2) {
  return UNSAFE_FOR_TERMINAL.test(text2) ? text2.replace(UNSAFE_FOR_TERMINAL_ALL, escapeCharacter) : text2;
}
function escapeText(text2) {
  return UNSAFE.test(text2) ? text2.replace(UNSAFE_ALL, escapeCharacter) : text2;
}
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function wellFormed(text2) {
  return text2.replace(LONE_SURROGATE, "\uFFFD");
}
function jsonQuote(value) {
  return escapeText(JSON.stringify(wellFormed(value)));
}
function origin(user, place) {
  return escapeText(`${user} ${place.session}:${place.window}.${place.pane}`);
}
function eventText(name, fields) {
  let text2 = escapeText(name);
  for (let [key2, value] of Object.entries(fields)) {
    if (value === void 0) continue;
    let plain = String(value);
    text2 += ` ${escapeText(key2)}=${PLAIN_VALUE.test(plain) ? plain : jsonQuote(plain)}`;
  }
  return text2;
}
var TextFormat = class {
  constructor(timeFormat) {
    this.timeFormat = timeFormat;
    this.clock = makeClock(timeFormat);
  }
  timeFormat;
  clock;
  place;
  user = "";
  /** ` <user> <session>:<window>.<pane> <mark> ` for each kind, for the last place and user seen. */
  middle = { line: "", piece: "", redrawn: "", screen: "", history: "", event: "" };
  /** The last head made, and for which stamp and kind (a flood's lines share a millisecond: one string, not one per line). */
  headText = "";
  headMs = Number.NaN;
  headKind;
  format(record) {
    return record.kind !== "event" ? `${this.head(record)}${escapeText(record.text)}
` : (this.takeOrigin(record), `${this.clock(record.time)}${this.middle.event}${eventText(record.text, { rec: record.rec, ...record.fields })}
`);
  }
  /**
   * What comes before the text in the line of an output record (not an event): the line is this, then
   * `escapeText(record.text)`, then `\n` (how the file sink writes a line straight into its bytes).
   */
  head(record) {
    return this.takeOrigin(record), (record.time !== this.headMs || record.kind !== this.headKind) && (this.headMs = record.time, this.headKind = record.kind, this.headText = `${this.clock(record.time)}${this.middle[record.kind]}`), this.headText;
  }
  /** Takes the record's user and place as the ones its lines say. */
  takeOrigin(record) {
    if (record.place === this.place && record.user === this.user) return;
    this.place = record.place, this.user = record.user;
    let from = origin(record.user, record.place);
    this.middle = {
      line: ` ${from} ${MARKS.line} `,
      piece: ` ${from} ${MARKS.piece} `,
      redrawn: ` ${from} ${MARKS.redrawn} `,
      screen: ` ${from} ${MARKS.screen} `,
      history: ` ${from} ${MARKS.history} `,
      event: ` ${from} ${MARKS.event} `
    }, this.headKind = void 0;
  }
}, PLACE_AND_MARK = /:(\d+)\.(\d+) ([|+~=<*]) /;
function splitLine(line3, timeWordCount) {
  let at = 0;
  for (let words2 = timeWordCount; words2 > 0; words2--)
    if (at = line3.indexOf(" ", at) + 1, at === 0) return;
  let time = line3.slice(0, at - 1), userEnd = line3.indexOf(" ", at);
  if (userEnd <= at) return;
  let user = line3.slice(at, userEnd), rest = line3.slice(userEnd + 1), found = PLACE_AND_MARK.exec(rest);
  if (!found) return;
  let kind = KINDS[found[3]], raw = rest.slice(found.index + found[0].length), parts = { time, user, session: rest.slice(0, found.index), window: found[1], pane: found[2], kind, text: raw, raw };
  if (kind !== "event") return parts;
  let event = parseEventText(raw);
  if (event)
    return parts.text = event.name, parts.fields = event.fields, parts;
}
var wordsOfFormat = /* @__PURE__ */ new Map();
function timeWords(timeFormat) {
  let words2 = wordsOfFormat.get(timeFormat);
  return words2 === void 0 && (words2 = format(0, timeFormat).split(" ").length, wordsOfFormat.set(timeFormat, words2)), words2;
}
function parseEventText(text2) {
  let nameEnd = text2.indexOf(" "), name = nameEnd < 0 ? text2 : text2.slice(0, nameEnd);
  if (name === "") return;
  let fields = {}, i = nameEnd < 0 ? text2.length : nameEnd + 1;
  for (; i < text2.length; ) {
    let equals = text2.indexOf("=", i);
    if (equals <= i) return;
    let key2 = text2.slice(i, equals);
    if (/\s/.test(key2)) return;
    let end;
    if (text2[equals + 1] === '"') {
      for (end = equals + 2; end < text2.length && text2[end] !== '"'; ) end += text2[end] === "\\" ? 2 : 1;
      if (end >= text2.length) return;
      end++;
      try {
        fields[key2] = JSON.parse(text2.slice(equals + 1, end));
      } catch {
        return;
      }
    } else
      end = text2.indexOf(" ", equals), end < 0 && (end = text2.length), fields[key2] = text2.slice(equals + 1, end);
    if (end < text2.length && text2[end] !== " ") return;
    i = end + 1;
  }
  return { name, fields };
}

// src/format/json.ts
var KINDS2 = new Set(RECORD_KINDS);
function quote(value) {
  return JSON.stringify(wellFormed(value));
}
var JsonFormat = class {
  constructor(host = import_node_os.default.hostname()) {
    this.host = host;
  }
  host;
  clock = makeClock(DEFAULT_TIME_FORMAT);
  place;
  user = "";
  owner;
  rec = "";
  /** `"user":...,"rec":` for the last place, user and recording seen (the part every record of a recording shares). */
  middle = "";
  format(record) {
    if (record.place !== this.place || record.user !== this.user || record.rec !== this.rec || record.owner !== this.owner) {
      let { place, user, rec, owner } = record;
      this.place = place, this.user = user, this.owner = owner, this.rec = rec;
      let ownerKey = owner !== void 0 && owner !== user ? `,"owner":${quote(owner)}` : "";
      this.middle = escapeText(
        `"user":${quote(user)}${ownerKey},"host":${quote(this.host)},"server":${quote(place.server)},"session":${quote(place.session)},"window":${quote(place.window)},"pane":${quote(place.pane)},"paneId":${quote(place.paneId)},"rec":${quote(rec)}`
      );
    }
    let line3 = `{"time":"${this.clock(record.time)}",${this.middle}`;
    return record.seq !== void 0 && (line3 += `,"seq":${record.seq}`), line3 += `,"kind":"${record.kind}","text":${escapeText(quote(record.text))}`, record.kind === "event" && (line3 += `,"fields":${escapeText(fieldsJson(record.fields ?? {}))}`), `${line3}}
`;
  }
};
function fieldsJson(fields) {
  let json = "";
  for (let [key2, value] of Object.entries(fields))
    value === void 0 || key2 === "rec" || (json += `${json === "" ? "" : ","}${quote(key2)}:${typeof value == "number" && Number.isFinite(value) ? String(value) : quote(String(value))}`);
  return `{${json}}`;
}
var isString = (value) => typeof value == "string";
function parseJsonLine(line3, ms = Date.parse) {
  if (line3.charCodeAt(0) !== 123) return;
  let value;
  try {
    value = JSON.parse(line3);
  } catch {
    return;
  }
  if (typeof value != "object" || value === null || Array.isArray(value)) return;
  let o = value, { time, user, owner, host, server, session, window, pane, paneId, rec, seq, kind, text: text2, fields } = o;
  if (!isString(time) || !isString(user) || !isString(session) || !isString(window) || !isString(pane) || !isString(rec) || !isString(kind) || !isString(text2) || !KINDS2.has(kind) || owner !== void 0 && !isString(owner) || host !== void 0 && !isString(host) || server !== void 0 && !isString(server) || paneId !== void 0 && !isString(paneId) || seq !== void 0 && !(typeof seq == "number" && Number.isSafeInteger(seq) && seq >= 0)) return;
  let eventFields;
  if (kind === "event") {
    if (typeof fields != "object" || fields === null || Array.isArray(fields)) return;
    eventFields = {};
    for (let [key2, field] of Object.entries(fields)) {
      if (key2 === "rec" || typeof field != "string" && typeof field != "number") return;
      eventFields[key2] = field;
    }
  } else if (fields !== void 0) return;
  return {
    stamp: time,
    time: ms(time),
    host: host ?? "",
    rec,
    ...seq === void 0 ? {} : { seq },
    user,
    ...owner === void 0 ? {} : { owner },
    place: { server: server ?? "", session, window, pane, paneId: paneId ?? "" },
    kind,
    text: text2,
    ...eventFields ? { fields: eventFields } : {}
  };
}
function asTextParts(record) {
  let parts = {
    time: escapeText(record.stamp),
    user: escapeText(record.user),
    session: escapeText(record.place.session),
    window: escapeText(record.place.window),
    pane: escapeText(record.place.pane),
    kind: record.kind
  };
  if (record.kind !== "event") {
    let text2 = escapeText(record.text);
    return { ...parts, text: text2, raw: text2 };
  }
  let fields = { rec: record.rec };
  for (let [key2, value] of Object.entries(record.fields ?? {})) value !== void 0 && (fields[escapeText(key2)] = String(value));
  return { ...parts, text: escapeText(record.text), raw: eventText(record.text, { rec: record.rec, ...record.fields }), fields };
}
function jsonSafeLiteral(literal2) {
  return !/["\\\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/.test(literal2);
}

// src/format/formats.ts
var LOG_FORMATS = ["text", "json"];
function recordFormat(name, timeFormat) {
  return name === "json" ? new JsonFormat() : new TextFormat(timeFormat);
}

// src/terminal/ansi.ts
var ALTERNATE_SCREEN_MODES = /* @__PURE__ */ new Set([1049, 1047, 47]), REPORTED_CSI = new Uint8Array(128);
for (let final of "@ABCDEFGHJKLMPSTXZ`bdfgrsu") REPORTED_CSI[final.charCodeAt(0)] = 1;
var IGNORED_CSI = new Uint8Array(256), IGNORED_KNOWN = 2;
for (let final = 64; final <= 126; final++) IGNORED_CSI[final] = REPORTED_CSI[final] === 1 || final === 104 || final === 108 ? 0 : 1;
var REPORTED_ESC = new Uint8Array(128);
for (let final of "78DEHMc") REPORTED_ESC[final.charCodeAt(0)] = 1;
var KNOWN_ESC = new Uint8Array(128), KNOWN_CSI = new Uint8Array(128), INTERMEDIATE_BIT = new Uint8Array(128);
INTERMEDIATE_BIT[0] = 1;
INTERMEDIATE_BIT[63] = 2;
INTERMEDIATE_BIT[62] = 4;
INTERMEDIATE_BIT[32] = 8;
INTERMEDIATE_BIT[40] = 16;
INTERMEDIATE_BIT[41] = 32;
INTERMEDIATE_BIT[35] = 64;
function intermediateBit(intermediate) {
  return intermediate >= 0 ? INTERMEDIATE_BIT[intermediate] : 0;
}
for (let [finals, intermediate] of [["78=>DEHM\\c", 0], ["0B", 40], ["0B", 41], ["8", 35]])
  for (let final of finals) KNOWN_ESC[final.charCodeAt(0)] |= intermediateBit(intermediate);
for (let [finals, intermediate] of [["@ABCDEFGHJKLMPSTXZ`bcdfghlmnrstu", 0], ["hl", 63], ["cmnq", 62], ["q", 32]])
  for (let final of finals) KNOWN_CSI[final.charCodeAt(0)] |= intermediateBit(intermediate);
for (let final = 64; final <= 126; final++) IGNORED_CSI[final] === 1 && (KNOWN_CSI[final] & 1) !== 0 && (IGNORED_CSI[final] = IGNORED_KNOWN);
var SECOND_PARAM_CSI = new Uint8Array(128);
for (let final of "HfrJ") SECOND_PARAM_CSI[final.charCodeAt(0)] = 1;
function csiForgets(chunk, from, to, final) {
  let k = from, intermediate = 0;
  k < to && chunk[k] >= 60 && (intermediate = chunk[k++]);
  let paramBytes = 0, params = 0, value = 0, sub = !1;
  for (; k < to; k++) {
    let b = chunk[k];
    if (b <= 47) {
      if (intermediate !== 0 || k + 1 < to) return !1;
      intermediate = b;
    } else {
      if (b >= 60) return !1;
      if (++paramBytes > MAX_PARAM_BYTES) return !1;
      if (b === 59) {
        if (!sub && value > INT_MAX || ++params >= MAX_PARAMS) return !1;
        value = 0, sub = !1;
      } else b === 58 ? sub = !0 : value <= INT_MAX && (value = value * 10 + (b - 48));
    }
  }
  return !sub && value > INT_MAX ? !1 : (KNOWN_CSI[final] & intermediateBit(intermediate)) !== 0;
}
var OP_CSI = 256, OP_ESC = 512, OP_ENTER_ALTERNATE = 768, OP_LEAVE_ALTERNATE = 769, OP_OSC = 1024, OP_UNSHOWN = 1280, OP_MODE = 1536, MAX_PARAM_BYTES = 63, MAX_PARAMS = 23, INT_MAX = 2147483647;
var STRING_TIMEOUT_MS = 5e3, ESC = 27, CAN = 24, SUB = 26, BEL = 7, DEL = 127, MAX_PARAM = 9999, NO_NUMBER = -1, LF = 10, CR = 13, BS = 8, TAB = 9, VT = 11, FF = 12, HEX = "0123456789abcdef";
function escapeByte(out, o, byte) {
  return out[o] = 92, out[o + 1] = 120, out[o + 2] = HEX.charCodeAt(byte >> 4), out[o + 3] = HEX.charCodeAt(byte & 15), o + 4;
}
function escapeCodePoint(out, o, codePoint) {
  return out[o] = 92, out[o + 1] = 117, out[o + 2] = HEX.charCodeAt(codePoint >> 12 & 15), out[o + 3] = HEX.charCodeAt(codePoint >> 8 & 15), out[o + 4] = HEX.charCodeAt(codePoint >> 4 & 15), out[o + 5] = HEX.charCodeAt(codePoint & 15), o + 6;
}
function isLineBreakOrBidi(b0, b1, b2) {
  return b0 === 226 && (b1 === 128 && b2 >= 168 && b2 <= 174 || b1 === 129 && b2 >= 166 && b2 <= 169);
}
var EscapeCleaner = class {
  state = 0 /* Ground */;
  /** First and second CSI parameters, or -1 when not given. */
  param = -1;
  param2 = -1;
  /** Parameters begun (`;` seen) so far, and parameter bytes; past tmux's limits the CSI is discarded. */
  paramIndex = 0;
  paramBytes = 0;
  /** A parameter out of range, too many or too long: tmux drops the sequence (input.c:1350). */
  discard = !1;
  /** The parameter being read (kept to INT_MAX; past it `overflow`), whether it has sub-parameters (`:`). */
  current = -1;
  currentSub = !1;
  overflow = !1;
  /** The first, or the second, parameter has sub-parameters: tmux's handlers that read it do nothing (input_get gives -1, input.c:1065). */
  subFirst = !1;
  subSecond = !1;
  /** The screen modes among the parameters of this CSI (1049, 1047, 47), in order; at most MAX_PARAMS. */
  screenModes = [];
  /** The time of the chunk being cleaned, and when the open string (OSC, DCS, ...) began: tmux's 5 s timer. */
  now = 0;
  stringSince = 0;
  /** Modes (see Mode) among the parameters so far, in order; reported if the sequence turns out to be SM/RM. */
  modes = new Int32Array(MAX_PARAMS + 1);
  modeCount = 0;
  /** OSC: the number being read (-1 once it is not one we keep), and the body of a kept one. */
  oscNumber = 0;
  oscKeep = !1;
  oscBody;
  oscLength = 0;
  oscTruncated = !1;
  /** Semantic-prompt bodies finished in this chunk, indexed by their op's parameter. */
  oscBodies = [];
  /**
   * tmux's `last` (what REP repeats, see Csi.Repeat), or -1; while text is being read in `advance`, its last
   * printable ASCII character stands for it instead (see asciiEnd there).
   */
  last = -1;
  /** The private marker (`?`, `>`, ...) of this CSI, or 0; with intermediates, a CSI we never apply. */
  marker = 0;
  intermediates = !1;
  /** Marker and intermediates of this CSI as tmux looks it up (see intermediateBit): 0, the byte if one, -1 if more. */
  csiIntermediate = 0;
  /** The ESC sequence's intermediate if it has exactly one (DECALN's `#`), -1 if more (input.c:1151 collects them, the table wants one). */
  escIntermediate = -1;
  /** Bytes of an unfinished UTF-8 character (at most 3), how many more it needs, and the range of the next. */
  pending = new Uint8Array(3);
  pendingLength = 0;
  need = 0;
  lower = 128;
  upper = 191;
  /** Printable text of the chunk being cleaned, as UTF-8. */
  out = Buffer.allocUnsafe(64 * 1024);
  /** `out` read and written four bytes at a time. */
  outWords = new DataView(this.out.buffer, this.out.byteOffset, this.out.length);
  /** UTF-8 bytes in `out` beyond one UTF-16 unit per character so far in this chunk: 0 if all of it is ASCII. */
  extraBytes = 0;
  /** The chunk's ops: offset in `out`, op code, parameter. At most one per input byte. */
  opAt = new Int32Array(1024);
  opCode = new Int32Array(1024);
  opParam = new Int32Array(1024);
  opParam2 = new Int32Array(1024);
  /** 1 if the text before the op (since the op before) is printable ASCII only. */
  opPlain = new Uint8Array(1024);
  /** Each op's end in the stream, in bytes from its start (see Perform.consumed). */
  opByte = new Float64Array(1024);
  /** Bytes of the stream before this chunk, and the byte being read (where an op made now ends). */
  base = 0;
  at = 0;
  ops = 0;
  /** Since the last op, text other than printable ASCII was written (a TAB or a UTF-8 character). */
  complex = !1;
  /**
   * Cleans one chunk, reporting what it holds to `perform` in stream order.
   * `now` (epoch ms of the read) lets a string left open for STRING_TIMEOUT_MS
   * end as tmux ends it, so bytes the screen shows after it are not taken for
   * part of it; without it, a string ends only by its terminator.
   */
  advance(chunk, perform2, now) {
    now !== void 0 && (this.now = now, this.state >= 7 /* OscString */ && now - this.stringSince >= STRING_TIMEOUT_MS && (this.state = 0 /* Ground */, this.oscKeep = !1, this.last = -1));
    let room = chunk.length * 4 + 24;
    if (this.out.length < room && (this.out = Buffer.allocUnsafe(room), this.outWords = new DataView(this.out.buffer, this.out.byteOffset, this.out.length)), this.opAt.length < chunk.length + 1) {
      let size2 = chunk.length + 1;
      this.opAt = new Int32Array(size2), this.opCode = new Int32Array(size2), this.opParam = new Int32Array(size2), this.opParam2 = new Int32Array(size2), this.opPlain = new Uint8Array(size2), this.opByte = new Float64Array(size2);
    }
    this.ops = 0, this.complex = !1, this.oscBodies.length > 0 && (this.oscBodies.length = 0), this.extraBytes = 0;
    let out = this.out, outWords = this.outWords, words2 = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength), o = 0, asciiEnd = -1, last = this.last, unsureFrom = 0, unsureTo = -1, unsureFinal = 0, state = this.state, n = chunk.length;
    for (let i = 0; i < n; i++) {
      let b = chunk[i];
      if (state === 0 /* Ground */) {
        if (this.need > 0) {
          if (b >= this.lower && b <= this.upper) {
            o = this.continueCharacter(out, o, b, i);
            continue;
          }
          this.at = i - 1, o = this.escapePending(out, o);
        }
        if (b < 128)
          if (b >= 32 && b !== DEL) {
            for (out[o++] = b; i + 4 < n; ) {
              let word = words2.getUint32(i + 1, !0);
              if ((word - 538976288 & ~word & 2155905152) !== 0 || ((word + 16843009 | word) & 2155905152) !== 0) break;
              outWords.setUint32(o, word, !0), o += 4, i += 4;
            }
            for (; i + 1 < n; ) {
              let c = chunk[i + 1];
              if (c < 32 || c >= DEL) break;
              out[o++] = c, i++;
            }
            asciiEnd = o;
          } else if (b === LF) {
            let k = this.ops++;
            this.opAt[k] = o, this.opByte[k] = this.base + i + 1, this.opCode[k] = LF, this.opPlain[k] = this.complex ? 0 : 1, this.complex = !1, asciiEnd = -1, last = -1;
          } else if (b === ESC) {
            if (asciiEnd === o && (last = out[o - 1], unsureTo = -1), asciiEnd = -1, i + 2 < n && chunk[i + 1] === 91) {
              let j = i + 2;
              for (; j < n && chunk[j] >= 48 && chunk[j] <= 59; ) j++;
              let parameters = j;
              for (; j < n && chunk[j] >= 32 && chunk[j] <= 63; ) j++;
              let skip = j < n ? IGNORED_CSI[chunk[j]] : 0;
              if (skip !== 0) {
                last >= 0 && (skip === IGNORED_KNOWN && parameters === j && j - i < 12 ? last = -1 : skip === IGNORED_KNOWN && parameters === j && unsureTo < 0 ? (unsureFrom = i + 2, unsureTo = j, unsureFinal = chunk[j]) : (unsureTo >= 0 && csiForgets(chunk, unsureFrom, unsureTo, unsureFinal) && (last = -1), unsureTo = -1, last >= 0 && csiForgets(chunk, i + 2, j, chunk[j]) && (last = -1))), i = j;
                continue;
              }
            }
            unsureTo >= 0 && (last >= 0 && csiForgets(chunk, unsureFrom, unsureTo, unsureFinal) && (last = -1), unsureTo = -1), this.last = last, state = 1 /* Escape */;
          } else
            this.at = i, o = this.control(out, o, b), b !== DEL && (asciiEnd = last = -1);
        else
          this.at = i, o = this.startCharacter(out, o, b), asciiEnd = last = -1;
        continue;
      }
      this.at = i, o = this.sequenceByte(out, o, b, state), state = this.state, last = this.last;
    }
    this.state = state, asciiEnd !== o && unsureTo >= 0 && last >= 0 && csiForgets(chunk, unsureFrom, unsureTo, unsureFinal) && (last = -1), this.last = asciiEnd === o ? out[o - 1] : last, this.report(o, perform2, this.base + n), this.base += n;
  }
  /**
   * A byte in any state but ground (escape sequences, strings), off the hot loop of `advance`: the new state is
   * left in `this.state`, the text's new end returned.
   */
  sequenceByte(out, o, b, state) {
    if (state === 13 /* DcsBody */)
      return b === ESC && (state = 14 /* DcsEscape */), this.done(state, o);
    if (state === 14 /* DcsEscape */)
      return state = b === 92 ? 0 /* Ground */ : 13 /* DcsBody */, this.done(state, o);
    if (b === ESC || b === CAN || b === SUB)
      return state === 7 /* OscString */ && this.endOsc(o), b !== ESC && (this.last = -1), state = b === ESC ? 1 /* Escape */ : 0 /* Ground */, this.done(state, o);
    switch (state) {
      case 1 /* Escape */:
        b < 32 ? o = this.control(out, o, b) : b === 91 ? (state = 3 /* CsiEntry */, this.param = -1, this.param2 = -1, this.paramIndex = 0, this.paramBytes = 0, this.discard = !1, this.current = -1, this.currentSub = !1, this.overflow = !1, this.subFirst = !1, this.subSecond = !1, this.screenModes.length > 0 && (this.screenModes.length = 0), this.modeCount = 0, this.marker = 0, this.intermediates = !1, this.csiIntermediate = 0) : b === 93 ? (this.last = -1, state = 7 /* OscString */, this.stringSince = this.now, this.oscNumber = 0, this.oscKeep = !1, this.oscLength = 0, this.oscTruncated = !1) : b === 80 ? (this.last = -1, state = 9 /* DcsEntry */, this.stringSince = this.now) : b === 88 || b === 94 || b === 95 || b === 107 ? (this.last = -1, state = 8 /* IgnoredString */, this.stringSince = this.now) : b >= 32 && b <= 47 ? (state = 2 /* EscapeIntermediate */, this.escIntermediate = b) : b < 127 && (REPORTED_ESC[b] === 1 && this.op(o, OP_ESC + b, -1, -1), (KNOWN_ESC[b] & 1) !== 0 && (this.last = -1), state = 0 /* Ground */);
        break;
      case 2 /* EscapeIntermediate */:
        b < 32 ? o = this.control(out, o, b) : b >= 32 && b <= 47 ? this.escIntermediate = -1 : b >= 48 && b <= 126 && (b === 56 && this.escIntermediate === 35 && this.op(o, OP_ESC + 184 /* Alignment */, -1, -1), (KNOWN_ESC[b] & intermediateBit(this.escIntermediate)) !== 0 && (this.last = -1), state = 0 /* Ground */);
        break;
      case 9 /* DcsEntry */:
      case 10 /* DcsParam */:
      case 11 /* DcsIntermediate */:
        b >= 64 && b <= 126 ? state = 13 /* DcsBody */ : b >= 32 && b <= 47 ? state = 11 /* DcsIntermediate */ : b >= 48 && b <= 63 && (state === 11 /* DcsIntermediate */ || b === 58 || state === 10 /* DcsParam */ && b >= 60 ? state = 12 /* DcsIgnore */ : state = 10 /* DcsParam */);
        break;
      case 12 /* DcsIgnore */:
        break;
      case 3 /* CsiEntry */:
      case 4 /* CsiParam */:
        if (b < 32) o = this.control(out, o, b);
        else if (b >= 48 && b <= 57) {
          state = 4 /* CsiParam */, ++this.paramBytes > MAX_PARAM_BYTES && (this.discard = !0);
          let current = (this.current < 0 ? 0 : this.current) * 10 + (b - 48);
          current > INT_MAX ? this.overflow = !0 : this.current = current;
        } else b === 59 || b === 58 ? (state = 4 /* CsiParam */, ++this.paramBytes > MAX_PARAM_BYTES && (this.discard = !0), b === 59 ? this.endParam() : (this.currentSub = !0, this.paramIndex === 0 ? this.subFirst = !0 : this.paramIndex === 1 && (this.subSecond = !0))) : b >= 60 && b <= 63 ? state === 4 /* CsiParam */ ? state = 6 /* CsiIgnore */ : (this.marker = b, this.csiIntermediate = b, state = 4 /* CsiParam */) : b >= 32 && b <= 47 ? (this.intermediates = !0, this.csiIntermediate = this.csiIntermediate === 0 ? b : -1, state = 5 /* CsiIntermediate */) : b >= 64 && b <= 126 && (this.endCsi(o, b), state = 0 /* Ground */);
        break;
      case 5 /* CsiIntermediate */:
        b < 32 ? o = this.control(out, o, b) : b >= 32 && b <= 47 ? this.csiIntermediate = -1 : b >= 48 && b <= 63 ? state = 6 /* CsiIgnore */ : b >= 64 && b <= 126 && (this.endCsi(o, b), state = 0 /* Ground */);
        break;
      case 6 /* CsiIgnore */:
        b < 32 ? o = this.control(out, o, b) : b >= 64 && b <= 126 && (state = 0 /* Ground */);
        break;
      case 7 /* OscString */:
        b === BEL ? (this.endOsc(o), state = 0 /* Ground */) : b >= 32 && this.oscByte(b);
        break;
      case 8 /* IgnoredString */:
        break;
    }
    return this.done(state, o);
  }
  /** Ends sequenceByte: `state` kept for advance to take. */
  done(state, o) {
    return this.state = state, o;
  }
  /** End of stream: an unfinished character is reported as escaped bytes. */
  end(perform2) {
    this.ops = 0, this.oscBodies.length > 0 && (this.oscBodies.length = 0), this.extraBytes = 0, this.last = -1, this.complex = !1, this.at = -1, this.report(this.escapePending(this.out, 0), perform2, this.base);
  }
  /** Decodes the chunk's text (see the Speed note above) and reports it, cut at the ops, in order. */
  report(length, perform2, end) {
    if (length === 0 && this.ops === 0) {
      perform2.consumed?.(end);
      return;
    }
    let out = this.out, text2 = out.toString("latin1", 0, length), mixed = this.extraBytes !== 0;
    mixed && this.startUtf8(length);
    let from = 0;
    for (let k = 0; k < this.ops; k++) {
      let at = this.opAt[k];
      if (at > from) {
        let plain = this.opPlain[k] === 1;
        perform2.print(plain || !mixed ? text2.slice(from, at) : this.utf8Slice(out, from, at), plain);
      }
      from = at, perform2.consumed?.(this.opByte[k]);
      let code = this.opCode[k];
      if (code < OP_CSI) perform2.execute(code);
      else if (code < OP_ESC) perform2.csi(code - OP_CSI, this.opParam[k], this.opParam2[k]);
      else if (code < OP_ENTER_ALTERNATE) perform2.esc(code - OP_ESC);
      else if (code < OP_OSC) perform2.screen(code === OP_ENTER_ALTERNATE, this.opParam[k]);
      else if (code < OP_UNSHOWN) perform2.osc(this.opParam[k], this.oscBodies[this.opParam2[k]], code === OP_OSC + 1);
      else if (code === OP_MODE) perform2.mode?.(this.opParam[k], this.opParam2[k] === 1);
      else {
        from = at + this.opParam[k];
        let unshown = text2.slice(at, from);
        perform2.unshown ? perform2.unshown(unshown) : perform2.print(unshown);
      }
    }
    if (from < length) {
      let plain = !this.complex;
      perform2.print(mixed ? plain ? text2.slice(from) : this.utf8Slice(out, from, length) : from === 0 ? text2 : text2.slice(from), plain);
    }
    mixed && (this.utf8 = ""), perform2.consumed?.(end);
  }
  /**
   * A window of a mixed chunk's text decoded as UTF-8, decoded lazily (only a part that is not plain ASCII needs it):
   * from the first such part to a little past its end, so that the parts that follow closely (text like `é BS`
   * repeated: a part every 3 bytes) are sliced from the same decode. Decoding the whole chunk for its first such
   * part made a two-byte copy of all of it (a 20 KB chunk holding one line of other characters: 40 KB of garbage
   * and 5 % of the reader's CPU, BENCHMARKS.md).
   */
  utf8 = "";
  utf8Length = -1;
  /** Where the window decoded in `utf8` ends in the chunk. */
  utf8To = 0;
  /** Where the walk from byte offsets to UTF-16 offsets in `utf8` stands. */
  utf8Byte = 0;
  utf8Unit = 0;
  startUtf8(length) {
    this.utf8 = "", this.utf8Length = length, this.utf8To = this.utf8Byte = this.utf8Unit = 0;
  }
  /**
   * Bytes [from, to) of the chunk's text, from the window decoded. Parts are asked for in order, so the
   * byte-to-UTF-16 walk only goes forward. The text holds ASCII and whole, valid UTF-8 characters only
   * (anything else is escaped to ASCII first), so a lead byte starts one UTF-16 unit, or two from 0xF0. A window
   * starts where a part does (a character's start); one that ends inside a character decodes the characters
   * before it as the whole text has them, and only a part that ends by its end (where a character ends) is sliced
   * from it: the cut character's U+FFFD is never taken.
   */
  utf8Slice(out, from, to) {
    if (to > this.utf8To || this.utf8 === "") {
      let end = Math.min(this.utf8Length, to + 128);
      this.utf8 = out.toString("utf8", from, end), this.utf8Byte = from, this.utf8To = end, this.utf8Unit = 0;
    }
    let byte = this.utf8Byte, unit = this.utf8Unit;
    for (; byte < from; byte++) {
      let b = out[byte];
      (b & 192) !== 128 && (unit += b >= 240 ? 2 : 1);
    }
    let start2 = unit;
    for (; byte < to; byte++) {
      let b = out[byte];
      (b & 192) !== 128 && (unit += b >= 240 ? 2 : 1);
    }
    return this.utf8Byte = byte, this.utf8Unit = unit, this.utf8.slice(start2, unit);
  }
  /**
   * Escaped text of `length` (ASCII) is about to be written at `o`: an unshown
   * op, or the one right before it made longer (a run of binary bytes is one
   * op, so a chunk never has more ops than bytes).
   */
  unshown(o, length) {
    let last = this.ops - 1;
    return last >= 0 && this.opCode[last] === OP_UNSHOWN && this.opAt[last] + this.opParam[last] === o ? this.opParam[last] = this.opParam[last] + length : this.op(o, OP_UNSHOWN, length, -1), o;
  }
  op(o, code, param3, param22) {
    let k = this.ops++;
    this.opAt[k] = o, this.opCode[k] = code, this.opParam[k] = param3, this.opParam2[k] = param22, this.opPlain[k] = this.complex ? 0 : 1, this.opByte[k] = this.base + this.at + 1, this.complex = !1;
  }
  /** A C0 control: TAB stays in the text, LF/CR/BS are reported, the rest are dropped. Each forgets REP's character (input.c:1254). */
  control(out, o, b) {
    return b !== DEL && (this.last = -1), b === TAB ? (out[o++] = b, this.complex = !0) : b === LF || b === CR || b === BS ? this.op(o, b, -1, -1) : (b === VT || b === FF) && this.op(o, LF, -1, -1), o;
  }
  /**
   * A byte >= 0x80 outside a character. UTF-8 lead bytes start one (0x80–0x9F
   * are continuation bytes here, never C1 controls, as in vte's UTF-8 mode);
   * anything else is escaped.
   */
  startCharacter(out, o, b) {
    let need = 0, lower = 128, upper = 191;
    if (b >= 194 && b <= 223) need = 1;
    else if (b >= 224 && b <= 239)
      need = 2, b === 224 ? lower = 160 : b === 237 && (upper = 159);
    else if (b >= 240 && b <= 244)
      need = 3, b === 240 ? lower = 144 : b === 244 && (upper = 143);
    else return escapeByte(out, this.unshown(o, 4), b);
    return this.pending[0] = b, this.pendingLength = 1, this.need = need, this.lower = lower, this.upper = upper, o;
  }
  /** The next byte (`b`, at `i` in the chunk) of a character begun. */
  continueCharacter(out, o, b, i) {
    if (this.pending[this.pendingLength++] = b, this.lower = 128, this.upper = 191, --this.need > 0) return o;
    let length = this.pendingLength;
    if (this.pendingLength = 0, length === 2 && this.pending[0] === 194 && b <= 159)
      return this.at = i, escapeCodePoint(out, this.unshown(o, 6), b);
    if (length === 3 && isLineBreakOrBidi(this.pending[0], this.pending[1], b)) {
      this.at = i;
      let codePoint = (this.pending[0] & 15) << 12 | (this.pending[1] & 63) << 6 | b & 63;
      return escapeCodePoint(out, this.unshown(o, 6), codePoint);
    }
    for (let k = 0; k < length - 1; k++) out[o++] = this.pending[k];
    return out[o++] = b, this.complex = !0, this.extraBytes += length === 4 ? 2 : length - 1, o;
  }
  escapePending(out, o) {
    for (let k = 0; k < this.pendingLength; k++) o = escapeByte(out, this.unshown(o, 4), this.pending[k]);
    return this.pendingLength = 0, this.need = 0, this.lower = 128, this.upper = 191, o;
  }
  /**
   * A parameter ends: tmux applies DECSET/DECRST to every parameter in turn,
   * and ignores one with sub-parameters (input_get gives -1 for it, input.c:1065),
   * so the screen switches if any plain parameter is 1049, 1047 or 47.
   */
  endParam() {
    let index = this.paramIndex++;
    if (index >= MAX_PARAMS && (this.discard = !0), !this.currentSub) {
      this.overflow && (this.discard = !0);
      let value = this.current < 0 ? NO_NUMBER : this.current > MAX_PARAM ? MAX_PARAM : this.current;
      index === 0 ? this.param = value : index === 1 && (this.param2 = value), this.marker === 63 && ALTERNATE_SCREEN_MODES.has(this.current) && index < MAX_PARAMS && this.screenModes.push(this.current), this.current >= 3 && this.current <= 7 && this.modeCount < this.modes.length && (this.marker === 0 && this.current === 4 ? this.modes[this.modeCount++] = 4 /* Insert */ : this.marker === 63 && this.current !== 4 && this.current !== 5 && (this.modes[this.modeCount++] = 65536 + this.current));
    }
    this.current = -1, this.currentSub = !1, this.overflow = !1;
  }
  /**
   * A CSI's final (tmux's input_csi_dispatch, input.c:1339): one tmux keeps is reported if it matters, and one it
   * also knows forgets REP's character, after a REP has taken it (:1635).
   */
  endCsi(o, final) {
    this.paramBytes > 0 && this.endParam(), !this.discard && (this.intermediates || this.dispatchCsi(o, final), (KNOWN_CSI[final] & intermediateBit(this.csiIntermediate)) !== 0 && (this.last = -1));
  }
  /** Reports the CSI sequences that matter to the log. */
  dispatchCsi(o, final) {
    if ((final === 104 || final === 108) && this.modeCount > 0)
      for (let i = 0; i < this.modeCount; i++) this.op(o, OP_MODE, this.modes[i], final === 104 ? 1 : 0);
    if (this.marker === 0) {
      if (REPORTED_CSI[final] !== 1 || this.subFirst || this.subSecond && SECOND_PARAM_CSI[final] === 1) return;
      this.op(o, OP_CSI + final, this.param, final === 98 ? this.last : this.param2);
    } else if (this.marker === 63 && (final === 104 || final === 108))
      for (let mode of this.screenModes) this.op(o, final === 104 ? OP_ENTER_ALTERNATE : OP_LEAVE_ALTERNATE, mode, -1);
  }
  /** A byte of an OSC string: its number first; the body only of a semantic prompt. */
  oscByte(b) {
    if (this.oscKeep) {
      if (this.oscLength === 262144) {
        this.oscTruncated = !0;
        return;
      }
      let body = this.oscBody;
      if (this.oscLength === body.length) {
        let grown = Buffer.allocUnsafe(Math.min(body.length * 4, 262144));
        body.copy(grown, 0, 0, this.oscLength), this.oscBody = grown;
      }
      this.oscBody[this.oscLength++] = b;
    } else {
      if (this.oscNumber < 0) return;
      b >= 48 && b <= 57 ? this.oscNumber = this.oscNumber < 1e3 ? this.oscNumber * 10 + (b - 48) : -1 : b === 59 && (this.oscNumber === 133 || this.oscNumber === 633) ? (this.oscKeep = !0, this.oscBody ??= Buffer.allocUnsafe(4096)) : this.oscNumber = -1;
    }
  }
  /** An OSC string ended: a semantic prompt is reported at this point of the text. */
  endOsc(o) {
    if (!this.oscKeep) return;
    this.oscKeep = !1;
    let index = this.oscBodies.push(this.oscBody.toString("utf8", 0, this.oscLength)) - 1;
    this.op(o, this.oscTruncated ? OP_OSC + 1 : OP_OSC, this.oscNumber, index), this.oscNumber = -1, this.oscBody.length > 64 * 1024 && (this.oscBody = void 0);
  }
};

// src/terminal/width-table.ts
var WIDTH_RANGES = [
  127,
  159,
  -1,
  768,
  879,
  0,
  888,
  889,
  -1,
  896,
  899,
  -1,
  907,
  907,
  -1,
  909,
  909,
  -1,
  930,
  930,
  -1,
  1155,
  1161,
  0,
  1328,
  1328,
  -1,
  1367,
  1368,
  -1,
  1419,
  1420,
  -1,
  1424,
  1424,
  -1,
  1425,
  1469,
  0,
  1471,
  1471,
  0,
  1473,
  1474,
  0,
  1476,
  1477,
  0,
  1479,
  1479,
  0,
  1480,
  1487,
  -1,
  1515,
  1518,
  -1,
  1525,
  1535,
  -1,
  1552,
  1562,
  0,
  1564,
  1564,
  0,
  1611,
  1631,
  0,
  1648,
  1648,
  0,
  1750,
  1756,
  0,
  1759,
  1764,
  0,
  1767,
  1768,
  0,
  1770,
  1773,
  0,
  1806,
  1806,
  -1,
  1809,
  1809,
  0,
  1840,
  1866,
  0,
  1867,
  1868,
  -1,
  1958,
  1968,
  0,
  1970,
  1983,
  -1,
  2027,
  2035,
  0,
  2043,
  2044,
  -1,
  2045,
  2045,
  0,
  2070,
  2073,
  0,
  2075,
  2083,
  0,
  2085,
  2087,
  0,
  2089,
  2093,
  0,
  2094,
  2095,
  -1,
  2111,
  2111,
  -1,
  2137,
  2139,
  0,
  2140,
  2141,
  -1,
  2143,
  2143,
  -1,
  2155,
  2159,
  -1,
  2191,
  2191,
  -1,
  2194,
  2199,
  -1,
  2200,
  2207,
  0,
  2250,
  2273,
  0,
  2275,
  2306,
  0,
  2362,
  2362,
  0,
  2364,
  2364,
  0,
  2369,
  2376,
  0,
  2381,
  2381,
  0,
  2385,
  2391,
  0,
  2402,
  2403,
  0,
  2433,
  2433,
  0,
  2436,
  2436,
  -1,
  2445,
  2446,
  -1,
  2449,
  2450,
  -1,
  2473,
  2473,
  -1,
  2481,
  2481,
  -1,
  2483,
  2485,
  -1,
  2490,
  2491,
  -1,
  2492,
  2492,
  0,
  2497,
  2500,
  0,
  2501,
  2502,
  -1,
  2505,
  2506,
  -1,
  2509,
  2509,
  0,
  2511,
  2518,
  -1,
  2520,
  2523,
  -1,
  2526,
  2526,
  -1,
  2530,
  2531,
  0,
  2532,
  2533,
  -1,
  2558,
  2558,
  0,
  2559,
  2560,
  -1,
  2561,
  2562,
  0,
  2564,
  2564,
  -1,
  2571,
  2574,
  -1,
  2577,
  2578,
  -1,
  2601,
  2601,
  -1,
  2609,
  2609,
  -1,
  2612,
  2612,
  -1,
  2615,
  2615,
  -1,
  2618,
  2619,
  -1,
  2620,
  2620,
  0,
  2621,
  2621,
  -1,
  2625,
  2626,
  0,
  2627,
  2630,
  -1,
  2631,
  2632,
  0,
  2633,
  2634,
  -1,
  2635,
  2637,
  0,
  2638,
  2640,
  -1,
  2641,
  2641,
  0,
  2642,
  2648,
  -1,
  2653,
  2653,
  -1,
  2655,
  2661,
  -1,
  2672,
  2673,
  0,
  2677,
  2677,
  0,
  2679,
  2688,
  -1,
  2689,
  2690,
  0,
  2692,
  2692,
  -1,
  2702,
  2702,
  -1,
  2706,
  2706,
  -1,
  2729,
  2729,
  -1,
  2737,
  2737,
  -1,
  2740,
  2740,
  -1,
  2746,
  2747,
  -1,
  2748,
  2748,
  0,
  2753,
  2757,
  0,
  2758,
  2758,
  -1,
  2759,
  2760,
  0,
  2762,
  2762,
  -1,
  2765,
  2765,
  0,
  2766,
  2767,
  -1,
  2769,
  2783,
  -1,
  2786,
  2787,
  0,
  2788,
  2789,
  -1,
  2802,
  2808,
  -1,
  2810,
  2815,
  0,
  2816,
  2816,
  -1,
  2817,
  2817,
  0,
  2820,
  2820,
  -1,
  2829,
  2830,
  -1,
  2833,
  2834,
  -1,
  2857,
  2857,
  -1,
  2865,
  2865,
  -1,
  2868,
  2868,
  -1,
  2874,
  2875,
  -1,
  2876,
  2876,
  0,
  2879,
  2879,
  0,
  2881,
  2884,
  0,
  2885,
  2886,
  -1,
  2889,
  2890,
  -1,
  2893,
  2893,
  0,
  2894,
  2900,
  -1,
  2901,
  2902,
  0,
  2904,
  2907,
  -1,
  2910,
  2910,
  -1,
  2914,
  2915,
  0,
  2916,
  2917,
  -1,
  2936,
  2945,
  -1,
  2946,
  2946,
  0,
  2948,
  2948,
  -1,
  2955,
  2957,
  -1,
  2961,
  2961,
  -1,
  2966,
  2968,
  -1,
  2971,
  2971,
  -1,
  2973,
  2973,
  -1,
  2976,
  2978,
  -1,
  2981,
  2983,
  -1,
  2987,
  2989,
  -1,
  3002,
  3005,
  -1,
  3008,
  3008,
  0,
  3011,
  3013,
  -1,
  3017,
  3017,
  -1,
  3021,
  3021,
  0,
  3022,
  3023,
  -1,
  3025,
  3030,
  -1,
  3032,
  3045,
  -1,
  3067,
  3071,
  -1,
  3072,
  3072,
  0,
  3076,
  3076,
  0,
  3085,
  3085,
  -1,
  3089,
  3089,
  -1,
  3113,
  3113,
  -1,
  3130,
  3131,
  -1,
  3132,
  3132,
  0,
  3134,
  3136,
  0,
  3141,
  3141,
  -1,
  3142,
  3144,
  0,
  3145,
  3145,
  -1,
  3146,
  3149,
  0,
  3150,
  3156,
  -1,
  3157,
  3158,
  0,
  3159,
  3159,
  -1,
  3163,
  3164,
  -1,
  3166,
  3167,
  -1,
  3170,
  3171,
  0,
  3172,
  3173,
  -1,
  3184,
  3190,
  -1,
  3201,
  3201,
  0,
  3213,
  3213,
  -1,
  3217,
  3217,
  -1,
  3241,
  3241,
  -1,
  3252,
  3252,
  -1,
  3258,
  3259,
  -1,
  3260,
  3260,
  0,
  3263,
  3263,
  0,
  3269,
  3269,
  -1,
  3270,
  3270,
  0,
  3273,
  3273,
  -1,
  3276,
  3277,
  0,
  3278,
  3284,
  -1,
  3287,
  3292,
  -1,
  3295,
  3295,
  -1,
  3298,
  3299,
  0,
  3300,
  3301,
  -1,
  3312,
  3312,
  -1,
  3315,
  3327,
  -1,
  3328,
  3329,
  0,
  3341,
  3341,
  -1,
  3345,
  3345,
  -1,
  3387,
  3388,
  0,
  3393,
  3396,
  0,
  3397,
  3397,
  -1,
  3401,
  3401,
  -1,
  3405,
  3405,
  0,
  3408,
  3411,
  -1,
  3426,
  3427,
  0,
  3428,
  3429,
  -1,
  3456,
  3456,
  -1,
  3457,
  3457,
  0,
  3460,
  3460,
  -1,
  3479,
  3481,
  -1,
  3506,
  3506,
  -1,
  3516,
  3516,
  -1,
  3518,
  3519,
  -1,
  3527,
  3529,
  -1,
  3530,
  3530,
  0,
  3531,
  3534,
  -1,
  3538,
  3540,
  0,
  3541,
  3541,
  -1,
  3542,
  3542,
  0,
  3543,
  3543,
  -1,
  3552,
  3557,
  -1,
  3568,
  3569,
  -1,
  3573,
  3584,
  -1,
  3633,
  3633,
  0,
  3636,
  3642,
  0,
  3643,
  3646,
  -1,
  3655,
  3662,
  0,
  3676,
  3712,
  -1,
  3715,
  3715,
  -1,
  3717,
  3717,
  -1,
  3723,
  3723,
  -1,
  3748,
  3748,
  -1,
  3750,
  3750,
  -1,
  3761,
  3761,
  0,
  3764,
  3772,
  0,
  3774,
  3775,
  -1,
  3781,
  3781,
  -1,
  3783,
  3783,
  -1,
  3784,
  3789,
  0,
  3790,
  3791,
  -1,
  3802,
  3803,
  -1,
  3808,
  3839,
  -1,
  3864,
  3865,
  0,
  3893,
  3893,
  0,
  3895,
  3895,
  0,
  3897,
  3897,
  0,
  3912,
  3912,
  -1,
  3949,
  3952,
  -1,
  3953,
  3966,
  0,
  3968,
  3972,
  0,
  3974,
  3975,
  0,
  3981,
  3991,
  0,
  3992,
  3992,
  -1,
  3993,
  4028,
  0,
  4029,
  4029,
  -1,
  4038,
  4038,
  0,
  4045,
  4045,
  -1,
  4059,
  4095,
  -1,
  4141,
  4144,
  0,
  4146,
  4151,
  0,
  4153,
  4154,
  0,
  4157,
  4158,
  0,
  4184,
  4185,
  0,
  4190,
  4192,
  0,
  4209,
  4212,
  0,
  4226,
  4226,
  0,
  4229,
  4230,
  0,
  4237,
  4237,
  0,
  4253,
  4253,
  0,
  4294,
  4294,
  -1,
  4296,
  4300,
  -1,
  4302,
  4303,
  -1,
  4352,
  4447,
  2,
  4448,
  4607,
  0,
  4681,
  4681,
  -1,
  4686,
  4687,
  -1,
  4695,
  4695,
  -1,
  4697,
  4697,
  -1,
  4702,
  4703,
  -1,
  4745,
  4745,
  -1,
  4750,
  4751,
  -1,
  4785,
  4785,
  -1,
  4790,
  4791,
  -1,
  4799,
  4799,
  -1,
  4801,
  4801,
  -1,
  4806,
  4807,
  -1,
  4823,
  4823,
  -1,
  4881,
  4881,
  -1,
  4886,
  4887,
  -1,
  4955,
  4956,
  -1,
  4957,
  4959,
  0,
  4989,
  4991,
  -1,
  5018,
  5023,
  -1,
  5110,
  5111,
  -1,
  5118,
  5119,
  -1,
  5789,
  5791,
  -1,
  5881,
  5887,
  -1,
  5906,
  5908,
  0,
  5910,
  5918,
  -1,
  5938,
  5939,
  0,
  5943,
  5951,
  -1,
  5970,
  5971,
  0,
  5972,
  5983,
  -1,
  5997,
  5997,
  -1,
  6001,
  6001,
  -1,
  6002,
  6003,
  0,
  6004,
  6015,
  -1,
  6068,
  6069,
  0,
  6071,
  6077,
  0,
  6086,
  6086,
  0,
  6089,
  6099,
  0,
  6109,
  6109,
  0,
  6110,
  6111,
  -1,
  6122,
  6127,
  -1,
  6138,
  6143,
  -1,
  6155,
  6159,
  0,
  6170,
  6175,
  -1,
  6265,
  6271,
  -1,
  6277,
  6278,
  0,
  6313,
  6313,
  0,
  6315,
  6319,
  -1,
  6390,
  6399,
  -1,
  6431,
  6431,
  -1,
  6432,
  6434,
  0,
  6439,
  6440,
  0,
  6444,
  6447,
  -1,
  6450,
  6450,
  0,
  6457,
  6459,
  0,
  6460,
  6463,
  -1,
  6465,
  6467,
  -1,
  6510,
  6511,
  -1,
  6517,
  6527,
  -1,
  6572,
  6575,
  -1,
  6602,
  6607,
  -1,
  6619,
  6621,
  -1,
  6679,
  6680,
  0,
  6683,
  6683,
  0,
  6684,
  6685,
  -1,
  6742,
  6742,
  0,
  6744,
  6750,
  0,
  6751,
  6751,
  -1,
  6752,
  6752,
  0,
  6754,
  6754,
  0,
  6757,
  6764,
  0,
  6771,
  6780,
  0,
  6781,
  6782,
  -1,
  6783,
  6783,
  0,
  6794,
  6799,
  -1,
  6810,
  6815,
  -1,
  6830,
  6831,
  -1,
  6832,
  6862,
  0,
  6863,
  6911,
  -1,
  6912,
  6915,
  0,
  6964,
  6964,
  0,
  6966,
  6970,
  0,
  6972,
  6972,
  0,
  6978,
  6978,
  0,
  6989,
  6991,
  -1,
  7019,
  7027,
  0,
  7039,
  7039,
  -1,
  7040,
  7041,
  0,
  7074,
  7077,
  0,
  7080,
  7081,
  0,
  7083,
  7085,
  0,
  7142,
  7142,
  0,
  7144,
  7145,
  0,
  7149,
  7149,
  0,
  7151,
  7153,
  0,
  7156,
  7163,
  -1,
  7212,
  7219,
  0,
  7222,
  7223,
  0,
  7224,
  7226,
  -1,
  7242,
  7244,
  -1,
  7305,
  7311,
  -1,
  7355,
  7356,
  -1,
  7368,
  7375,
  -1,
  7376,
  7378,
  0,
  7380,
  7392,
  0,
  7394,
  7400,
  0,
  7405,
  7405,
  0,
  7412,
  7412,
  0,
  7416,
  7417,
  0,
  7419,
  7423,
  -1,
  7616,
  7679,
  0,
  7958,
  7959,
  -1,
  7966,
  7967,
  -1,
  8006,
  8007,
  -1,
  8014,
  8015,
  -1,
  8024,
  8024,
  -1,
  8026,
  8026,
  -1,
  8028,
  8028,
  -1,
  8030,
  8030,
  -1,
  8062,
  8063,
  -1,
  8117,
  8117,
  -1,
  8133,
  8133,
  -1,
  8148,
  8149,
  -1,
  8156,
  8156,
  -1,
  8176,
  8177,
  -1,
  8181,
  8181,
  -1,
  8191,
  8191,
  -1,
  8203,
  8207,
  0,
  8232,
  8233,
  -1,
  8234,
  8238,
  0,
  8288,
  8292,
  0,
  8293,
  8293,
  -1,
  8294,
  8303,
  0,
  8306,
  8307,
  -1,
  8335,
  8335,
  -1,
  8349,
  8351,
  -1,
  8385,
  8399,
  -1,
  8400,
  8432,
  0,
  8433,
  8447,
  -1,
  8588,
  8591,
  -1,
  8986,
  8987,
  2,
  9001,
  9002,
  2,
  9193,
  9196,
  2,
  9200,
  9200,
  2,
  9203,
  9203,
  2,
  9255,
  9279,
  -1,
  9291,
  9311,
  -1,
  9725,
  9726,
  2,
  9748,
  9749,
  2,
  9800,
  9811,
  2,
  9855,
  9855,
  2,
  9875,
  9875,
  2,
  9889,
  9889,
  2,
  9898,
  9899,
  2,
  9917,
  9918,
  2,
  9924,
  9925,
  2,
  9934,
  9934,
  2,
  9940,
  9940,
  2,
  9962,
  9962,
  2,
  9970,
  9971,
  2,
  9973,
  9973,
  2,
  9978,
  9978,
  2,
  9981,
  9981,
  2,
  9989,
  9989,
  2,
  9994,
  9995,
  2,
  10024,
  10024,
  2,
  10060,
  10060,
  2,
  10062,
  10062,
  2,
  10067,
  10069,
  2,
  10071,
  10071,
  2,
  10133,
  10135,
  2,
  10160,
  10160,
  2,
  10175,
  10175,
  2,
  11035,
  11036,
  2,
  11088,
  11088,
  2,
  11093,
  11093,
  2,
  11124,
  11125,
  -1,
  11158,
  11158,
  -1,
  11503,
  11505,
  0,
  11508,
  11512,
  -1,
  11558,
  11558,
  -1,
  11560,
  11564,
  -1,
  11566,
  11567,
  -1,
  11624,
  11630,
  -1,
  11633,
  11646,
  -1,
  11647,
  11647,
  0,
  11671,
  11679,
  -1,
  11687,
  11687,
  -1,
  11695,
  11695,
  -1,
  11703,
  11703,
  -1,
  11711,
  11711,
  -1,
  11719,
  11719,
  -1,
  11727,
  11727,
  -1,
  11735,
  11735,
  -1,
  11743,
  11743,
  -1,
  11744,
  11775,
  0,
  11870,
  11903,
  -1,
  11904,
  11929,
  2,
  11930,
  11930,
  -1,
  11931,
  12019,
  2,
  12020,
  12031,
  -1,
  12032,
  12245,
  2,
  12246,
  12271,
  -1,
  12272,
  12283,
  2,
  12284,
  12287,
  -1,
  12288,
  12329,
  2,
  12330,
  12333,
  0,
  12334,
  12350,
  2,
  12352,
  12352,
  -1,
  12353,
  12438,
  2,
  12439,
  12440,
  -1,
  12441,
  12442,
  0,
  12443,
  12543,
  2,
  12544,
  12548,
  -1,
  12549,
  12591,
  2,
  12592,
  12592,
  -1,
  12593,
  12686,
  2,
  12687,
  12687,
  -1,
  12688,
  12771,
  2,
  12772,
  12783,
  -1,
  12784,
  12830,
  2,
  12831,
  12831,
  -1,
  12832,
  42124,
  2,
  42125,
  42127,
  -1,
  42128,
  42182,
  2,
  42183,
  42191,
  -1,
  42540,
  42559,
  -1,
  42607,
  42610,
  0,
  42612,
  42621,
  0,
  42654,
  42655,
  0,
  42736,
  42737,
  0,
  42744,
  42751,
  -1,
  42955,
  42959,
  -1,
  42962,
  42962,
  -1,
  42964,
  42964,
  -1,
  42970,
  42993,
  -1,
  43010,
  43010,
  0,
  43014,
  43014,
  0,
  43019,
  43019,
  0,
  43045,
  43046,
  0,
  43052,
  43052,
  0,
  43053,
  43055,
  -1,
  43066,
  43071,
  -1,
  43128,
  43135,
  -1,
  43204,
  43205,
  0,
  43206,
  43213,
  -1,
  43226,
  43231,
  -1,
  43232,
  43249,
  0,
  43263,
  43263,
  0,
  43302,
  43309,
  0,
  43335,
  43345,
  0,
  43348,
  43358,
  -1,
  43360,
  43388,
  2,
  43389,
  43391,
  -1,
  43392,
  43394,
  0,
  43443,
  43443,
  0,
  43446,
  43449,
  0,
  43452,
  43453,
  0,
  43470,
  43470,
  -1,
  43482,
  43485,
  -1,
  43493,
  43493,
  0,
  43519,
  43519,
  -1,
  43561,
  43566,
  0,
  43569,
  43570,
  0,
  43573,
  43574,
  0,
  43575,
  43583,
  -1,
  43587,
  43587,
  0,
  43596,
  43596,
  0,
  43598,
  43599,
  -1,
  43610,
  43611,
  -1,
  43644,
  43644,
  0,
  43696,
  43696,
  0,
  43698,
  43700,
  0,
  43703,
  43704,
  0,
  43710,
  43711,
  0,
  43713,
  43713,
  0,
  43715,
  43738,
  -1,
  43756,
  43757,
  0,
  43766,
  43766,
  0,
  43767,
  43776,
  -1,
  43783,
  43784,
  -1,
  43791,
  43792,
  -1,
  43799,
  43807,
  -1,
  43815,
  43815,
  -1,
  43823,
  43823,
  -1,
  43884,
  43887,
  -1,
  44005,
  44005,
  0,
  44008,
  44008,
  0,
  44013,
  44013,
  0,
  44014,
  44015,
  -1,
  44026,
  44031,
  -1,
  44032,
  55203,
  2,
  55204,
  55215,
  -1,
  55216,
  55238,
  0,
  55239,
  55242,
  -1,
  55243,
  55291,
  0,
  55292,
  57343,
  -1,
  63744,
  64109,
  2,
  64110,
  64111,
  -1,
  64112,
  64217,
  2,
  64218,
  64255,
  -1,
  64263,
  64274,
  -1,
  64280,
  64284,
  -1,
  64286,
  64286,
  0,
  64311,
  64311,
  -1,
  64317,
  64317,
  -1,
  64319,
  64319,
  -1,
  64322,
  64322,
  -1,
  64325,
  64325,
  -1,
  64451,
  64466,
  -1,
  64912,
  64913,
  -1,
  64968,
  64974,
  -1,
  64976,
  65007,
  -1,
  65024,
  65039,
  0,
  65040,
  65049,
  2,
  65050,
  65055,
  -1,
  65056,
  65071,
  0,
  65072,
  65106,
  2,
  65107,
  65107,
  -1,
  65108,
  65126,
  2,
  65127,
  65127,
  -1,
  65128,
  65131,
  2,
  65132,
  65135,
  -1,
  65141,
  65141,
  -1,
  65277,
  65278,
  -1,
  65279,
  65279,
  0,
  65280,
  65280,
  -1,
  65281,
  65376,
  2,
  65471,
  65473,
  -1,
  65480,
  65481,
  -1,
  65488,
  65489,
  -1,
  65496,
  65497,
  -1,
  65501,
  65503,
  -1,
  65504,
  65510,
  2,
  65511,
  65511,
  -1,
  65519,
  65528,
  -1,
  65529,
  65531,
  0,
  65534,
  65535,
  -1,
  65548,
  65548,
  -1,
  65575,
  65575,
  -1,
  65595,
  65595,
  -1,
  65598,
  65598,
  -1,
  65614,
  65615,
  -1,
  65630,
  65663,
  -1,
  65787,
  65791,
  -1,
  65795,
  65798,
  -1,
  65844,
  65846,
  -1,
  65935,
  65935,
  -1,
  65949,
  65951,
  -1,
  65953,
  65999,
  -1,
  66045,
  66045,
  0,
  66046,
  66175,
  -1,
  66205,
  66207,
  -1,
  66257,
  66271,
  -1,
  66272,
  66272,
  0,
  66300,
  66303,
  -1,
  66340,
  66348,
  -1,
  66379,
  66383,
  -1,
  66422,
  66426,
  0,
  66427,
  66431,
  -1,
  66462,
  66462,
  -1,
  66500,
  66503,
  -1,
  66518,
  66559,
  -1,
  66718,
  66719,
  -1,
  66730,
  66735,
  -1,
  66772,
  66775,
  -1,
  66812,
  66815,
  -1,
  66856,
  66863,
  -1,
  66916,
  66926,
  -1,
  66939,
  66939,
  -1,
  66955,
  66955,
  -1,
  66963,
  66963,
  -1,
  66966,
  66966,
  -1,
  66978,
  66978,
  -1,
  66994,
  66994,
  -1,
  67002,
  67002,
  -1,
  67005,
  67071,
  -1,
  67383,
  67391,
  -1,
  67414,
  67423,
  -1,
  67432,
  67455,
  -1,
  67462,
  67462,
  -1,
  67505,
  67505,
  -1,
  67515,
  67583,
  -1,
  67590,
  67591,
  -1,
  67593,
  67593,
  -1,
  67638,
  67638,
  -1,
  67641,
  67643,
  -1,
  67645,
  67646,
  -1,
  67670,
  67670,
  -1,
  67743,
  67750,
  -1,
  67760,
  67807,
  -1,
  67827,
  67827,
  -1,
  67830,
  67834,
  -1,
  67868,
  67870,
  -1,
  67898,
  67902,
  -1,
  67904,
  67967,
  -1,
  68024,
  68027,
  -1,
  68048,
  68049,
  -1,
  68097,
  68099,
  0,
  68100,
  68100,
  -1,
  68101,
  68102,
  0,
  68103,
  68107,
  -1,
  68108,
  68111,
  0,
  68116,
  68116,
  -1,
  68120,
  68120,
  -1,
  68150,
  68151,
  -1,
  68152,
  68154,
  0,
  68155,
  68158,
  -1,
  68159,
  68159,
  0,
  68169,
  68175,
  -1,
  68185,
  68191,
  -1,
  68256,
  68287,
  -1,
  68325,
  68326,
  0,
  68327,
  68330,
  -1,
  68343,
  68351,
  -1,
  68406,
  68408,
  -1,
  68438,
  68439,
  -1,
  68467,
  68471,
  -1,
  68498,
  68504,
  -1,
  68509,
  68520,
  -1,
  68528,
  68607,
  -1,
  68681,
  68735,
  -1,
  68787,
  68799,
  -1,
  68851,
  68857,
  -1,
  68900,
  68903,
  0,
  68904,
  68911,
  -1,
  68922,
  69215,
  -1,
  69247,
  69247,
  -1,
  69290,
  69290,
  -1,
  69291,
  69292,
  0,
  69294,
  69295,
  -1,
  69298,
  69375,
  -1,
  69416,
  69423,
  -1,
  69446,
  69456,
  0,
  69466,
  69487,
  -1,
  69506,
  69509,
  0,
  69514,
  69551,
  -1,
  69580,
  69599,
  -1,
  69623,
  69631,
  -1,
  69633,
  69633,
  0,
  69688,
  69702,
  0,
  69710,
  69713,
  -1,
  69744,
  69744,
  0,
  69747,
  69748,
  0,
  69750,
  69758,
  -1,
  69759,
  69761,
  0,
  69811,
  69814,
  0,
  69817,
  69818,
  0,
  69826,
  69826,
  0,
  69827,
  69836,
  -1,
  69838,
  69839,
  -1,
  69865,
  69871,
  -1,
  69882,
  69887,
  -1,
  69888,
  69890,
  0,
  69927,
  69931,
  0,
  69933,
  69940,
  0,
  69941,
  69941,
  -1,
  69960,
  69967,
  -1,
  70003,
  70003,
  0,
  70007,
  70015,
  -1,
  70016,
  70017,
  0,
  70070,
  70078,
  0,
  70089,
  70092,
  0,
  70095,
  70095,
  0,
  70112,
  70112,
  -1,
  70133,
  70143,
  -1,
  70162,
  70162,
  -1,
  70191,
  70193,
  0,
  70196,
  70196,
  0,
  70198,
  70199,
  0,
  70206,
  70206,
  0,
  70207,
  70271,
  -1,
  70279,
  70279,
  -1,
  70281,
  70281,
  -1,
  70286,
  70286,
  -1,
  70302,
  70302,
  -1,
  70314,
  70319,
  -1,
  70367,
  70367,
  0,
  70371,
  70378,
  0,
  70379,
  70383,
  -1,
  70394,
  70399,
  -1,
  70400,
  70401,
  0,
  70404,
  70404,
  -1,
  70413,
  70414,
  -1,
  70417,
  70418,
  -1,
  70441,
  70441,
  -1,
  70449,
  70449,
  -1,
  70452,
  70452,
  -1,
  70458,
  70458,
  -1,
  70459,
  70460,
  0,
  70464,
  70464,
  0,
  70469,
  70470,
  -1,
  70473,
  70474,
  -1,
  70478,
  70479,
  -1,
  70481,
  70486,
  -1,
  70488,
  70492,
  -1,
  70500,
  70501,
  -1,
  70502,
  70508,
  0,
  70509,
  70511,
  -1,
  70512,
  70516,
  0,
  70517,
  70655,
  -1,
  70712,
  70719,
  0,
  70722,
  70724,
  0,
  70726,
  70726,
  0,
  70748,
  70748,
  -1,
  70750,
  70750,
  0,
  70754,
  70783,
  -1,
  70835,
  70840,
  0,
  70842,
  70842,
  0,
  70847,
  70848,
  0,
  70850,
  70851,
  0,
  70856,
  70863,
  -1,
  70874,
  71039,
  -1,
  71090,
  71093,
  0,
  71094,
  71095,
  -1,
  71100,
  71101,
  0,
  71103,
  71104,
  0,
  71132,
  71133,
  0,
  71134,
  71167,
  -1,
  71219,
  71226,
  0,
  71229,
  71229,
  0,
  71231,
  71232,
  0,
  71237,
  71247,
  -1,
  71258,
  71263,
  -1,
  71277,
  71295,
  -1,
  71339,
  71339,
  0,
  71341,
  71341,
  0,
  71344,
  71349,
  0,
  71351,
  71351,
  0,
  71354,
  71359,
  -1,
  71370,
  71423,
  -1,
  71451,
  71452,
  -1,
  71453,
  71455,
  0,
  71458,
  71461,
  0,
  71463,
  71467,
  0,
  71468,
  71471,
  -1,
  71495,
  71679,
  -1,
  71727,
  71735,
  0,
  71737,
  71738,
  0,
  71740,
  71839,
  -1,
  71923,
  71934,
  -1,
  71943,
  71944,
  -1,
  71946,
  71947,
  -1,
  71956,
  71956,
  -1,
  71959,
  71959,
  -1,
  71990,
  71990,
  -1,
  71993,
  71994,
  -1,
  71995,
  71996,
  0,
  71998,
  71998,
  0,
  72003,
  72003,
  0,
  72007,
  72015,
  -1,
  72026,
  72095,
  -1,
  72104,
  72105,
  -1,
  72148,
  72151,
  0,
  72152,
  72153,
  -1,
  72154,
  72155,
  0,
  72160,
  72160,
  0,
  72165,
  72191,
  -1,
  72193,
  72202,
  0,
  72243,
  72248,
  0,
  72251,
  72254,
  0,
  72263,
  72263,
  0,
  72264,
  72271,
  -1,
  72273,
  72278,
  0,
  72281,
  72283,
  0,
  72330,
  72342,
  0,
  72344,
  72345,
  0,
  72355,
  72367,
  -1,
  72441,
  72703,
  -1,
  72713,
  72713,
  -1,
  72752,
  72758,
  0,
  72759,
  72759,
  -1,
  72760,
  72765,
  0,
  72767,
  72767,
  0,
  72774,
  72783,
  -1,
  72813,
  72815,
  -1,
  72848,
  72849,
  -1,
  72850,
  72871,
  0,
  72872,
  72872,
  -1,
  72874,
  72880,
  0,
  72882,
  72883,
  0,
  72885,
  72886,
  0,
  72887,
  72959,
  -1,
  72967,
  72967,
  -1,
  72970,
  72970,
  -1,
  73009,
  73014,
  0,
  73015,
  73017,
  -1,
  73018,
  73018,
  0,
  73019,
  73019,
  -1,
  73020,
  73021,
  0,
  73022,
  73022,
  -1,
  73023,
  73029,
  0,
  73031,
  73031,
  0,
  73032,
  73039,
  -1,
  73050,
  73055,
  -1,
  73062,
  73062,
  -1,
  73065,
  73065,
  -1,
  73103,
  73103,
  -1,
  73104,
  73105,
  0,
  73106,
  73106,
  -1,
  73109,
  73109,
  0,
  73111,
  73111,
  0,
  73113,
  73119,
  -1,
  73130,
  73439,
  -1,
  73459,
  73460,
  0,
  73465,
  73647,
  -1,
  73649,
  73663,
  -1,
  73714,
  73726,
  -1,
  74650,
  74751,
  -1,
  74863,
  74863,
  -1,
  74869,
  74879,
  -1,
  75076,
  77711,
  -1,
  77811,
  77823,
  -1,
  78895,
  78895,
  -1,
  78896,
  78904,
  0,
  78905,
  82943,
  -1,
  83527,
  92159,
  -1,
  92729,
  92735,
  -1,
  92767,
  92767,
  -1,
  92778,
  92781,
  -1,
  92863,
  92863,
  -1,
  92874,
  92879,
  -1,
  92910,
  92911,
  -1,
  92912,
  92916,
  0,
  92918,
  92927,
  -1,
  92976,
  92982,
  0,
  92998,
  93007,
  -1,
  93018,
  93018,
  -1,
  93026,
  93026,
  -1,
  93048,
  93052,
  -1,
  93072,
  93759,
  -1,
  93851,
  93951,
  -1,
  94027,
  94030,
  -1,
  94031,
  94031,
  0,
  94088,
  94094,
  -1,
  94095,
  94098,
  0,
  94112,
  94175,
  -1,
  94176,
  94179,
  2,
  94180,
  94180,
  0,
  94181,
  94191,
  -1,
  94192,
  94193,
  2,
  94194,
  94207,
  -1,
  94208,
  100343,
  2,
  100344,
  100351,
  -1,
  100352,
  101589,
  2,
  101590,
  101631,
  -1,
  101632,
  101640,
  2,
  101641,
  110575,
  -1,
  110576,
  110579,
  2,
  110580,
  110580,
  -1,
  110581,
  110587,
  2,
  110588,
  110588,
  -1,
  110589,
  110590,
  2,
  110591,
  110591,
  -1,
  110592,
  110882,
  2,
  110883,
  110927,
  -1,
  110928,
  110930,
  2,
  110931,
  110947,
  -1,
  110948,
  110951,
  2,
  110952,
  110959,
  -1,
  110960,
  111355,
  2,
  111356,
  113663,
  -1,
  113771,
  113775,
  -1,
  113789,
  113791,
  -1,
  113801,
  113807,
  -1,
  113818,
  113819,
  -1,
  113821,
  113822,
  0,
  113824,
  113827,
  0,
  113828,
  118527,
  -1,
  118528,
  118573,
  0,
  118574,
  118575,
  -1,
  118576,
  118598,
  0,
  118599,
  118607,
  -1,
  118724,
  118783,
  -1,
  119030,
  119039,
  -1,
  119079,
  119080,
  -1,
  119143,
  119145,
  0,
  119155,
  119170,
  0,
  119173,
  119179,
  0,
  119210,
  119213,
  0,
  119275,
  119295,
  -1,
  119362,
  119364,
  0,
  119366,
  119519,
  -1,
  119540,
  119551,
  -1,
  119639,
  119647,
  -1,
  119673,
  119807,
  -1,
  119893,
  119893,
  -1,
  119965,
  119965,
  -1,
  119968,
  119969,
  -1,
  119971,
  119972,
  -1,
  119975,
  119976,
  -1,
  119981,
  119981,
  -1,
  119994,
  119994,
  -1,
  119996,
  119996,
  -1,
  120004,
  120004,
  -1,
  120070,
  120070,
  -1,
  120075,
  120076,
  -1,
  120085,
  120085,
  -1,
  120093,
  120093,
  -1,
  120122,
  120122,
  -1,
  120127,
  120127,
  -1,
  120133,
  120133,
  -1,
  120135,
  120137,
  -1,
  120145,
  120145,
  -1,
  120486,
  120487,
  -1,
  120780,
  120781,
  -1,
  121344,
  121398,
  0,
  121403,
  121452,
  0,
  121461,
  121461,
  0,
  121476,
  121476,
  0,
  121484,
  121498,
  -1,
  121499,
  121503,
  0,
  121504,
  121504,
  -1,
  121505,
  121519,
  0,
  121520,
  122623,
  -1,
  122655,
  122879,
  -1,
  122880,
  122886,
  0,
  122887,
  122887,
  -1,
  122888,
  122904,
  0,
  122905,
  122906,
  -1,
  122907,
  122913,
  0,
  122914,
  122914,
  -1,
  122915,
  122916,
  0,
  122917,
  122917,
  -1,
  122918,
  122922,
  0,
  122923,
  123135,
  -1,
  123181,
  123183,
  -1,
  123184,
  123190,
  0,
  123198,
  123199,
  -1,
  123210,
  123213,
  -1,
  123216,
  123535,
  -1,
  123566,
  123566,
  0,
  123567,
  123583,
  -1,
  123628,
  123631,
  0,
  123642,
  123646,
  -1,
  123648,
  124895,
  -1,
  124903,
  124903,
  -1,
  124908,
  124908,
  -1,
  124911,
  124911,
  -1,
  124927,
  124927,
  -1,
  125125,
  125126,
  -1,
  125136,
  125142,
  0,
  125143,
  125183,
  -1,
  125252,
  125258,
  0,
  125260,
  125263,
  -1,
  125274,
  125277,
  -1,
  125280,
  126064,
  -1,
  126133,
  126208,
  -1,
  126270,
  126463,
  -1,
  126468,
  126468,
  -1,
  126496,
  126496,
  -1,
  126499,
  126499,
  -1,
  126501,
  126502,
  -1,
  126504,
  126504,
  -1,
  126515,
  126515,
  -1,
  126520,
  126520,
  -1,
  126522,
  126522,
  -1,
  126524,
  126529,
  -1,
  126531,
  126534,
  -1,
  126536,
  126536,
  -1,
  126538,
  126538,
  -1,
  126540,
  126540,
  -1,
  126544,
  126544,
  -1,
  126547,
  126547,
  -1,
  126549,
  126550,
  -1,
  126552,
  126552,
  -1,
  126554,
  126554,
  -1,
  126556,
  126556,
  -1,
  126558,
  126558,
  -1,
  126560,
  126560,
  -1,
  126563,
  126563,
  -1,
  126565,
  126566,
  -1,
  126571,
  126571,
  -1,
  126579,
  126579,
  -1,
  126584,
  126584,
  -1,
  126589,
  126589,
  -1,
  126591,
  126591,
  -1,
  126602,
  126602,
  -1,
  126620,
  126624,
  -1,
  126628,
  126628,
  -1,
  126634,
  126634,
  -1,
  126652,
  126703,
  -1,
  126706,
  126975,
  -1,
  126980,
  126980,
  2,
  127020,
  127023,
  -1,
  127124,
  127135,
  -1,
  127151,
  127152,
  -1,
  127168,
  127168,
  -1,
  127183,
  127183,
  2,
  127184,
  127184,
  -1,
  127222,
  127231,
  -1,
  127374,
  127374,
  2,
  127377,
  127386,
  2,
  127406,
  127461,
  -1,
  127488,
  127490,
  2,
  127491,
  127503,
  -1,
  127504,
  127547,
  2,
  127548,
  127551,
  -1,
  127552,
  127560,
  2,
  127561,
  127567,
  -1,
  127568,
  127569,
  2,
  127570,
  127583,
  -1,
  127584,
  127589,
  2,
  127590,
  127743,
  -1,
  127744,
  127776,
  2,
  127789,
  127797,
  2,
  127799,
  127868,
  2,
  127870,
  127891,
  2,
  127904,
  127946,
  2,
  127951,
  127955,
  2,
  127968,
  127984,
  2,
  127988,
  127988,
  2,
  127992,
  128062,
  2,
  128064,
  128064,
  2,
  128066,
  128252,
  2,
  128255,
  128317,
  2,
  128331,
  128334,
  2,
  128336,
  128359,
  2,
  128378,
  128378,
  2,
  128405,
  128406,
  2,
  128420,
  128420,
  2,
  128507,
  128591,
  2,
  128640,
  128709,
  2,
  128716,
  128716,
  2,
  128720,
  128722,
  2,
  128725,
  128727,
  2,
  128728,
  128732,
  -1,
  128733,
  128735,
  2,
  128747,
  128748,
  2,
  128749,
  128751,
  -1,
  128756,
  128764,
  2,
  128765,
  128767,
  -1,
  128884,
  128895,
  -1,
  128985,
  128991,
  -1,
  128992,
  129003,
  2,
  129004,
  129007,
  -1,
  129008,
  129008,
  2,
  129009,
  129023,
  -1,
  129036,
  129039,
  -1,
  129096,
  129103,
  -1,
  129114,
  129119,
  -1,
  129160,
  129167,
  -1,
  129198,
  129199,
  -1,
  129202,
  129279,
  -1,
  129292,
  129338,
  2,
  129340,
  129349,
  2,
  129351,
  129535,
  2,
  129620,
  129631,
  -1,
  129646,
  129647,
  -1,
  129648,
  129652,
  2,
  129653,
  129655,
  -1,
  129656,
  129660,
  2,
  129661,
  129663,
  -1,
  129664,
  129670,
  2,
  129671,
  129679,
  -1,
  129680,
  129708,
  2,
  129709,
  129711,
  -1,
  129712,
  129722,
  2,
  129723,
  129727,
  -1,
  129728,
  129733,
  2,
  129734,
  129743,
  -1,
  129744,
  129753,
  2,
  129754,
  129759,
  -1,
  129760,
  129767,
  2,
  129768,
  129775,
  -1,
  129776,
  129782,
  2,
  129783,
  129791,
  -1,
  129939,
  129939,
  -1,
  129995,
  130031,
  -1,
  130042,
  131071,
  -1,
  131072,
  173791,
  2,
  173792,
  173823,
  -1,
  173824,
  177976,
  2,
  177977,
  177983,
  -1,
  177984,
  178205,
  2,
  178206,
  178207,
  -1,
  178208,
  183969,
  2,
  183970,
  183983,
  -1,
  183984,
  191456,
  2,
  191457,
  194559,
  -1,
  194560,
  195101,
  2,
  195102,
  196607,
  -1,
  196608,
  201546,
  2,
  201547,
  917504,
  -1,
  917505,
  917505,
  0,
  917506,
  917535,
  -1,
  917536,
  917631,
  0,
  917632,
  917759,
  -1,
  917760,
  917999,
  0,
  918e3,
  983039,
  -1,
  1048574,
  1048575,
  -1,
  1114110,
  1114111,
  -1
];

// src/terminal/width.ts
var BMP = new Uint8Array(65536).fill(2), astralFirst = [], astralLast = [], astralWidth = [];
for (let i = 0; i < WIDTH_RANGES.length; i += 3) {
  let first = WIDTH_RANGES[i], last = WIDTH_RANGES[i + 1], width = WIDTH_RANGES[i + 2];
  first < 65536 && BMP.fill(width + 1, first, Math.min(last, 65535) + 1), last >= 65536 && (astralFirst.push(Math.max(first, 65536)), astralLast.push(last), astralWidth.push(width));
}
BMP.fill(0, 0, 32);
function cellWidth(codePoint) {
  if (codePoint < 65536) return BMP[codePoint] - 1;
  let low = 0, high = astralFirst.length - 1;
  for (; low <= high; ) {
    let mid = low + high >> 1;
    if (codePoint < astralFirst[mid]) high = mid - 1;
    else if (codePoint > astralLast[mid]) low = mid + 1;
    else return astralWidth[mid];
  }
  return 1;
}
function textWidth(text2) {
  let cells2 = 0;
  for (let i = 0; i < text2.length; i++) {
    let codePoint = text2.codePointAt(i);
    codePoint > 65535 && i++;
    let width = cellWidth(codePoint);
    width > 0 && (cells2 += width);
  }
  return cells2;
}
function textInCells(text2, cells2) {
  let used = 0, end = 0;
  for (; end < text2.length; ) {
    let codePoint = text2.codePointAt(end), width = cellWidth(codePoint);
    if (width > 0 && used + width > cells2) break;
    width > 0 && (used += width), end += codePoint > 65535 ? 2 : 1;
  }
  return text2.slice(0, end) + " ".repeat(Math.max(0, cells2 - used));
}

// src/terminal/row.ts
var PAD = "\0", TAB_PAD = "", GONE = "", NOT_SIMPLE = /[^\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2500-\u259f]/, NOT_SIMPLE_AFTER = new RegExp(NOT_SIMPLE.source, "g");
function simpleUntil(text2, from) {
  return NOT_SIMPLE_AFTER.lastIndex = from, NOT_SIMPLE_AFTER.test(text2) ? NOT_SIMPLE_AFTER.lastIndex - 1 : text2.length;
}
function isWide(cell) {
  return cell.length > 0 && cell !== PAD && cell !== TAB_PAD && cellWidth(cell.codePointAt(0)) === 2;
}
var Row = class {
  constructor(tally) {
    this.tally = tally;
  }
  tally;
  /** Text form: the row's text, one unit per cell; null in cell form. */
  text = "";
  /** Cells the text takes; when not its length in units (`wide`), only appending stays in text form. */
  count = 0;
  wide = !1;
  /** The text form holds a TAB and its TAB_PAD cells (tab-separated output stays in text form: one unit per cell still). */
  tabs = !1;
  /** Cell form: one string per cell (a character with the marks combined onto it, PAD, TAB_PAD, or GONE). */
  cells = null;
  /** Zero-width text printed at column 0, where tmux has no cell to combine it with (it drops it; the log keeps it). */
  lead = "";
  /** The row carries on in the next one: text went past the right edge (tmux's GRID_LINE_WRAPPED). */
  wrapped = !1;
  /** Cells in use (the cursor may stand beyond them). */
  get length() {
    return this.text !== null ? this.count : this.cells.length;
  }
  /** Nothing was ever printed here (tmux leaves such a row, and its wrap flags, alone on an erase: screen-write.c:1190). */
  get empty() {
    return this.length === 0 && this.lead.length === 0;
  }
  /** The row as capture-pane shows it, except that a TAB is kept as one. */
  toString() {
    if (this.text !== null) {
      let text3 = this.tabs ? this.text.replace(/\x01/g, "") : this.text;
      return this.lead.length === 0 ? text3 : this.lead + text3;
    }
    let text2 = this.lead + this.cells.join("");
    return text2.includes(PAD) || text2.includes(TAB_PAD) ? text2.replace(/[\0\x01]/g, "") : text2;
  }
  /**
   * The row cell by cell for a screen model: text before the first cell, and
   * per cell its character with what is combined onto it ('' for a cell that
   * shows nothing: a TAB's, a piece's; PAD for a wide character's right half,
   * which a screen model puts with it: a wide character not followed by PAD
   * had its right half written over, and keeps its place).
   */
  screenCells() {
    let cells2 = [];
    for (let cell of this.text !== null && !this.wide ? this.text.split("") : this.toCells()) cells2.push(cell === TAB_PAD || cell === "	" ? GONE : cell);
    return { lead: this.lead, cells: cells2 };
  }
  /** The units this row holds (its share of the tally). */
  get units() {
    if (this.text !== null) return this.lead.length + this.text.length;
    let units = this.lead.length;
    for (let cell of this.cells) units += cell.length;
    return units;
  }
  /** Empties the row (tmux frees the line: grid.c:651); its wrap flag is the caller's. */
  clear() {
    this.tally.units -= this.units, this.text = "", this.count = 0, this.wide = !1, this.tabs = !1, this.cells = null, this.lead = "";
  }
  /** Whether text can be appended at `cx` without leaving text form (see appendText). */
  appendable(cx) {
    return this.text !== null && cx === this.count;
  }
  /** Appends `text` of characters of one or two cells taking `cells` (`plain`: one unit each), at the end (see appendable). */
  appendText(text2, cells2, plain) {
    this.text = this.text.length === 0 ? text2 : this.text + text2, this.count += cells2, this.tally.units += text2.length, plain || (this.wide = !0);
  }
  /** Appends printable ASCII at the end of a row in text form; false if the row is not that, and nothing done. */
  appendPlain(cx, part) {
    let text2 = this.text;
    return text2 === null || cx !== this.count || this.wide ? !1 : (this.text = text2.length === 0 ? part : text2 + part, this.count += part.length, this.tally.units += part.length, !0);
  }
  /**
   * Appends one character of `width` cells at the end of a row in text form,
   * if it can be held there (one unit per cell); false if not, and nothing done.
   */
  append(cx, character, width) {
    let text2 = this.text;
    return text2 === null || cx !== this.count ? !1 : (this.text = text2 + character, this.count += width, this.tally.units += character.length, (width !== 1 || character.length !== 1) && (this.wide = !0), !0);
  }
  /**
   * Puts the row in the form writeSimple at `cx` writes it in, before the caller measures the room in the line limit:
   * in cell form a wide character's right half counts (toCells), and room measured before that would let a read's
   * text past the limit unchecked, so that where a line is cut would depend on where reads end.
   */
  readyFor(cx) {
    (this.wide || this.tabs) && cx < this.count && this.toCells();
  }
  /** Writes `part` (simple text, see isSimple) from cell `cx` on, over what is there; the caller knows it fits. */
  writeSimple(cx, part) {
    this.readyFor(cx);
    let text2 = this.text;
    if (text2 === null) {
      for (let i = 0; i < part.length; i++) this.put(cx + i, part[i], 1, part.charCodeAt(i) < 127);
      return;
    }
    if (this.wide) {
      let next2 = text2 + " ".repeat(cx - this.count) + part;
      this.tally.units += next2.length - text2.length, this.text = next2, this.count = cx + part.length;
      return;
    }
    let next;
    cx === text2.length ? next = text2.length === 0 ? part : text2 + part : cx > text2.length ? next = text2 + " ".repeat(cx - text2.length) + part : next = text2.slice(0, cx) + part + text2.slice(cx + part.length), this.tally.units += next.length - text2.length, this.text = next, this.count = next.length;
  }
  /**
   * Writes one character of `width` cells at `cx`: a wide character it covers
   * half of, or that covers half of it, is blanked whole; the caller knows it
   * fits. tmux writes plain ASCII (`ascii`) in runs (screen_write_collect_end,
   * screen-write.c:1706) and anything else one by one (screen_write_cell,
   * :1811), with slightly different rules; both are followed.
   */
  put(cx, character, width, ascii) {
    let cells2 = this.toCells();
    this.fill(cx);
    for (let x = cx; x < cx + width && x < cells2.length; x++) (cells2[x] === TAB_PAD || cells2[x] === "	") && this.untab(x);
    let old = cells2[cx];
    if (old === PAD) {
      let x = cx;
      for (; x > 0 && cells2[x] === PAD; ) this.set(x--, " ");
      (!ascii || x > 0) && this.set(x, " ");
    }
    if (ascii || width !== 1 || old !== void 0 && (old === PAD || isWide(old)))
      for (let x = cx + width; x < cells2.length && cells2[x] === PAD; x++) this.set(x, " ");
    this.set(cx, character), width === 2 && this.set(cx + 1, PAD);
  }
  /**
   * Zero-width text printed with the cursor at `cx`: combined onto the cell
   * before (skipping the right half of a wide character, screen-write.c:1981),
   * or kept before the row's first cell when there is none.
   */
  attach(cx, text2) {
    if (cx > 0) {
      let cells2 = this.toCells(), x = cx - 1;
      for (this.fill(x + 1); x >= 0 && cells2[x] === PAD; ) x--;
      if (x >= 0) {
        (cells2[x] === TAB_PAD || cells2[x] === "	") && this.untab(x), this.set(x, cells2[x] + text2);
        return;
      }
    }
    this.lead += text2, this.tally.units += text2.length;
  }
  /** A TAB from `cx` to the tab stop `to` (input.c:1221): at the end of the row it is kept as a TAB; within the row it only moves the cursor. */
  tab(cx, to) {
    if (cx < this.length) return;
    let text2 = this.text;
    if (text2 !== null && !this.wide) {
      let added = " ".repeat(cx - this.count) + "	" + TAB_PAD.repeat(to - cx - 1);
      this.text = text2 + added, this.count = to, this.tally.units += added.length, this.tabs = !0;
      return;
    }
    this.toCells(), this.fill(cx), this.set(cx, "	");
    for (let x = cx + 1; x < to; x++) this.set(x, TAB_PAD);
  }
  /**
   * ICH and insert mode (screen-write.c:1005, grid-view.c:190): the cells from `cx` move right by `count`, off
   * the edge at `columns`. tmux clears the cell alone when `cx` is the last column, else moves the
   * `columns - cx - count` cells with grid_move_cells (grid.c:709), which blanks only the cells moved from
   * outside where they went: inserting more than half of what is left leaves old cells in the gap, and
   * inserting up to the edge changes nothing (capture-pane shows them; the screen model does the same,
   * grid.ts insertCharacters).
   */
  insert(cx, count, columns) {
    (this.wide || this.tabs) && this.toCells();
    let length = this.length;
    if (cx >= length) return;
    let edge = Math.max(columns, length);
    if (cx >= edge - 1) return this.erase(cx, cx + 1);
    let moved = Math.max(0, edge - cx - count);
    if (moved < count) return this.insertPastHalf(cx, count, moved, length);
    if (this.text !== null) {
      let text2 = this.text, next = (text2.slice(0, cx) + " ".repeat(count) + text2.slice(cx)).slice(0, edge);
      this.tally.units += next.length - text2.length, this.text = next, this.count = next.length;
      return;
    }
    let cells2 = this.cells;
    for (let x = Math.max(cx, length + count - edge); x < length; x++) this.tally.units -= cells2[x].length;
    cells2.splice(cx, 0, ...new Array(count).fill(" ")), this.tally.units += count, cells2.length > edge && (cells2.length = edge);
  }
  /** `insert` of more than half of what is left: the `moved` cells from `cx` go to `cx + count`, only they are blanked. */
  insertPastHalf(cx, count, moved, length) {
    let shown = Math.min(moved, length - cx);
    if (shown <= 0) return;
    let from = this.toCells().slice(cx, cx + shown);
    this.fill(cx + count + shown);
    for (let i = 0; i < shown; i++) this.set(cx + count + i, from[i]);
    for (let i = 0; i < shown; i++) this.set(cx + i, " ");
  }
  /** DCH (screen-write.c:1033): `count` cells at `cx` go, what follows moves left; a wrapped row keeps its length in blanks (grid-view.c:224). */
  delete(cx, count) {
    (this.wide || this.tabs) && this.toCells();
    let length = this.length;
    if (cx >= length) return;
    let end = Math.min(length, cx + count);
    if (this.text !== null) {
      let text2 = this.text, next = text2.slice(0, cx) + text2.slice(end) + (this.wrapped ? " ".repeat(end - cx) : "");
      this.tally.units += next.length - text2.length, this.text = next, this.count = next.length;
      return;
    }
    let cells2 = this.cells;
    for (let x = cx; x < end; x++) this.tally.units -= cells2[x].length;
    if (cells2.splice(cx, end - cx), this.wrapped) for (let x = cells2.length; x < length; x++) this.set(x, " ");
  }
  /**
   * Blanks cells `from` up to `to` (ECH, EL, grid.c:599: only cells in use).
   * Blanks that would end a row that does not carry on are cut off instead:
   * the same on the screen, and no trailing blanks in the log.
   */
  erase(from, to) {
    (this.wide || this.tabs) && this.toCells();
    let length = this.length;
    if (from === 0 && (this.tally.units -= this.lead.length, this.lead = ""), to >= length && !this.wrapped) {
      this.truncate(from);
      return;
    }
    let end = Math.min(to, length);
    if (!(from >= end)) {
      if (this.text !== null) {
        this.text = this.text.slice(0, from) + " ".repeat(end - from) + this.text.slice(end), this.count = this.text.length;
        return;
      }
      for (let x = from; x < end; x++) this.set(x, " ");
    }
  }
  /**
   * Takes the text of the cells before `cx` (for a piece of a long line) and
   * leaves cells that show nothing in their place, so columns stay where they are.
   */
  takeBefore(cx) {
    let cells2 = this.toCells(), end = Math.min(cx, cells2.length), text2 = this.lead;
    this.tally.units -= this.lead.length, this.lead = "";
    for (let x = 0; x < end; x++) {
      let cell = cells2[x];
      cell !== PAD && cell !== TAB_PAD && (text2 += cell), this.set(x, GONE);
    }
    return text2;
  }
  truncate(cx) {
    if ((this.wide || this.tabs) && this.toCells(), cx >= this.length) return;
    if (this.text !== null) {
      this.tally.units -= this.text.length - cx, this.text = this.text.slice(0, cx), this.count = cx;
      return;
    }
    let cells2 = this.cells;
    for (let x = cx; x < cells2.length; x++) this.tally.units -= cells2[x].length;
    cells2.length = cx;
  }
  toCells() {
    if (this.cells !== null) return this.cells;
    let text2 = this.text;
    if (this.text = null, this.tabs = !1, !this.wide) return this.cells = text2.split("");
    this.wide = !1;
    let cells2 = [];
    for (let x = 0; x < text2.length; x++) {
      let code = text2.codePointAt(x), character = code > 65535 ? text2.slice(x, ++x + 1) : text2[x];
      cells2.push(character), cellWidth(code) === 2 && (cells2.push(PAD), this.tally.units++);
    }
    return this.cells = cells2;
  }
  /** Blank cells up to `cx` (tmux's grid shows cells between the last in use and the cursor as blanks). */
  fill(cx) {
    let cells2 = this.cells;
    for (; cells2.length < cx; )
      cells2.push(" "), this.tally.units++;
  }
  set(x, cell) {
    let cells2 = this.cells, old = cells2[x];
    this.tally.units += cell.length - (old === void 0 ? 0 : old.length), cells2[x] = cell;
  }
  /** Turns the TAB whose span covers cell `x` into the blanks it stands for (something is written over part of it). */
  untab(x) {
    let cells2 = this.cells, from = x;
    for (; from > 0 && cells2[from] === TAB_PAD; ) from--;
    cells2[from] === "	" && this.set(from, " ");
    for (let y = from + 1; y < cells2.length && cells2[y] === TAB_PAD; y++) this.set(y, " ");
  }
};

// src/terminal/tab-stops.ts
var TabStops = class {
  /** Stops by column once output changed them (null: every 8th column, the default). */
  custom = null;
  /** Columns at or past `custom.length` keep the default stops (not after TBC 3, which clears every stop). */
  defaultBeyond = !0;
  /** Every 8th column again (screen_reset_tabs): a width change, RIS. */
  reset() {
    this.custom = null, this.defaultBeyond = !0;
  }
  /** Whether column `x` has a stop. */
  has(x) {
    let custom = this.custom;
    return custom === null || x >= custom.length ? this.defaultBeyond && x > 0 && x % 8 === 0 : custom[x] === 1;
  }
  /** HTS at column `x` of a screen `columns` wide: tmux sets it only on the screen (input.c:1292). */
  set(x, columns) {
    x >= columns || (this.cover(x)[x] = 1);
  }
  /** TBC 0 at column `x` (input.c:1605). */
  clear(x, columns) {
    x >= columns || (this.cover(x)[x] = 0);
  }
  /** TBC 3: no stop anywhere (input.c:1609). */
  clearAll() {
    this.custom = new Uint8Array(0), this.defaultBeyond = !1;
  }
  /** Where HT from column `x` goes, `last` being the last column: the next stop, or `last` (input.c:1221; the caller checks `x < last`). */
  next(x, last) {
    let custom = this.custom;
    if (custom === null) return Math.min(last, (Math.floor(x / 8) + 1) * 8);
    if (x + 1 < custom.length) {
      let found = custom.indexOf(1, x + 1);
      if (found !== -1) return Math.min(found, last);
    }
    if (!this.defaultBeyond) return last;
    let from = Math.max(x, custom.length - 1);
    return Math.min(last, (Math.floor(from / 8) + 1) * 8);
  }
  /** Where CBT `n` from column `x` goes (input.c:1361; the caller clamps `x` to the last column). */
  previous(x, n) {
    if (this.custom === null) {
      for (; x > 0 && n-- > 0; )
        do
          x--;
        while (x > 0 && x % 8 !== 0);
      return x;
    }
    let custom = this.custom;
    for (; x > 0 && n-- > 0; ) {
      if (x - 1 >= custom.length && this.defaultBeyond) {
        let stop2 = Math.floor((x - 1) / 8) * 8;
        if (stop2 >= custom.length) {
          x = stop2;
          continue;
        }
      }
      let found = custom.length === 0 ? -1 : custom.lastIndexOf(1, Math.min(x - 1, custom.length - 1));
      x = found <= 0 ? 0 : found;
    }
    return x;
  }
  /** The stops as an array covering column `x`, columns added keeping what they had. */
  cover(x) {
    let custom = this.custom;
    if (custom !== null && x < custom.length) return custom;
    let size2 = Math.max(x + 1, custom === null ? 0 : Math.min(custom.length * 2, x + 1 + 256)), grown = new Uint8Array(size2), from = custom === null ? 0 : custom.length;
    if (custom !== null && grown.set(custom), this.defaultBeyond) for (let col = Math.max(from, 1); col < size2; col++) col % 8 === 0 && (grown[col] = 1);
    return this.custom = grown, grown;
  }
};

// src/terminal/lines.ts
var MAX_LINE_CHARS = 16 * 1024, LF2 = 10, CR2 = 13, BS2 = 8, TAB2 = 9, ZWJ = 8205, SPARE_ROWS = 256, LineAssembler = class {
  /**
   * `newlineReturns`: LF also goes to column 0. Not so in a pane (tmux keeps the
   * column, screen-write.c:1334; the pty's ONLCR sends CR LF), but so for output
   * that never went through a terminal (`pipe --file` on a program's output).
   */
  constructor(sink, columns, newlineReturns = !1) {
    this.sink = sink;
    this.newlineReturns = newlineReturns;
    this.columns = MAX_LINE_CHARS, columns !== void 0 && this.setColumns(columns);
  }
  sink;
  newlineReturns;
  tally = { units: 0 };
  /** The rows of the line being written, top to bottom; the cursor is on row `cy`, at cell `cx` (`columns`: past the last cell, wrap pending). */
  rows = [new Row(this.tally)];
  cy = 0;
  cx = 0;
  continued = !1;
  /** The window's alternate-screen option is off: tmux ignores the switches, so does the line model. */
  ignoreScreenSwitches = !1;
  /** In the alternate screen, output is a picture redrawn by cursor moves, not lines: it is set aside. */
  alternate = !1;
  /**
   * The pane's width: text wraps there and a cursor move stops at its right
   * edge, as on the screen (tmux, screen-write.c:915 CUF and :1268 CHA).
   * Without it, `ESC[9999G` would pad every line to thousands of blanks: a
   * few bytes of output amplified into megabytes of log.
   */
  columns;
  /** A ZWJ came: tmux combines the next character that is not plain ASCII onto the cell before (screen-write.c:1836). */
  joiner = !1;
  /** Tab stops (HTS, TBC followed, see tab-stops.ts): the hybrid gives the screen model the same ones. */
  tabs = new TabStops();
  /** While a line is written out whole (`leave`): the rows of the screen it took, blank ones included; -1 while text a clear took away is written; 0 otherwise. */
  lineRows = 0;
  /** ...and then the text of each of those rows, when more than one (null otherwise). */
  lineRowTexts = null;
  /** IRM: a character printed pushes what is under the cursor right (screen-write.c:1891). */
  insert = !1;
  /** DECAWM: text past the right edge wraps (on by default); off, it overwrites the last column. */
  autowrap = !0;
  /** The cursor went home (CUP 1;1, DECSTBM): if the display is erased next, the line goes with it; if not, it was left. */
  homed = !1;
  /**
   * Origin mode (DECOM): home is then the top of the scroll region, which need
   * not be the screen's: an erase from there does not clear the screen, so
   * the line is never taken as redrawn; any move home leaves it instead.
   */
  origin = !1;
  /**
   * The unfinished line a clear of the screen took away (Ctrl-L, `clear`,
   * RIS): if the next line is it drawn again (the shell redraws its prompt and
   * input), it is not written twice; if not, it is written before that line.
   * Whatever the screen showed reaches the log, even erased before its LF.
   */
  erased;
  /** Lines begun so far: a saved cursor is restored in the line it was saved in only. */
  lineNumber = 0;
  saved;
  /** Rows of finished lines, emptied, for the next long line (a flood of long lines allocates none). */
  spare = [];
  /** The pane's width from now on (unknown or nonsense: only the line limit bounds the cursor). */
  setColumns(columns) {
    this.columns = columns >= 1 ? Math.min(columns, MAX_LINE_CHARS) : MAX_LINE_CHARS, this.cx > this.columns && (this.cx = this.columns);
  }
  /** The text of the line being drawn, not yet finished (a shell's prompt, when its input starts). */
  pendingText() {
    let text2 = "";
    for (let row of this.rows) text2 += row.toString();
    return text2;
  }
  /** The text a clear took away, not written yet (see `erased`), handed to another model: this one forgets it. */
  takeErased() {
    let erased = this.erased;
    return this.erased = void 0, erased;
  }
  /** The row of the line being drawn the cursor is on (0: its first). */
  get cursorRow() {
    return this.cy;
  }
  /** The line being drawn as the rows it takes, which of them wrap, and the cursor among them (`cx` is `columns` when a wrap is pending): what a screen model is seeded with. */
  pendingRows() {
    return { rows: this.rows.map((row) => row.screenCells()), wraps: this.rows.map((row) => row.wrapped), cx: this.cx, cy: this.cy };
  }
  /** Starts the current line with text already on screen, the cursor after it. */
  seed(text2) {
    this.reset(0);
    let { autowrap, insert } = this;
    this.autowrap = !0, this.insert = !1, this.print(text2), this.autowrap = autowrap, this.insert = insert;
  }
  /** Switches screens without a sequence in the stream: the pane was already there, or tmux switched it. */
  setAlternate(alternate) {
    alternate !== this.alternate && (this.homed = !1, alternate ? this.leave(0) : this.reset(0), this.alternate = alternate, this.sink.screen(alternate));
  }
  /** Writes at the cursor, over what is there (screen_write_cell); past the right edge, on a new row of the line. */
  print(part, plain = !1) {
    if (plain && !this.joiner && !this.homed && !this.alternate && !this.insert && this.autowrap) {
      let cx = this.cx, end = cx + part.length;
      if (end <= this.columns && this.tally.units + part.length <= MAX_LINE_CHARS && this.rows[this.cy].appendPlain(cx, part)) {
        this.cx = end;
        return;
      }
    }
    if (this.homed && this.leaveHome(), this.alternate) return;
    let from = 0, general = this.insert || !this.autowrap;
    for (; from < part.length; ) {
      let to = this.joiner || general ? from : plain ? part.length : simpleUntil(part, from);
      if (to > from && (from = this.printSimple(part, from, to)), from === part.length) break;
      if (!general && !this.joiner) {
        let after = this.appendRun(part, from);
        if (after > from) {
          from = after;
          continue;
        }
      }
      let code = part.codePointAt(from);
      code === TAB2 ? this.tab() : code > 65535 ? this.character(part.slice(from, from + 2), code) : this.character(part[from], code), from += code > 65535 ? 2 : 1, this.tally.units > MAX_LINE_CHARS && this.split();
    }
  }
  /**
   * Characters of one or two cells from `from` on, appended in one go at the
   * end of a row in text form, as far as they fit on the row and in the line
   * limit (what each would do one by one); returns where it stopped.
   */
  appendRun(part, from) {
    let row = this.rows[this.cy], cx = this.cx;
    if (!row.appendable(cx)) return from;
    let cells2 = this.columns - cx, units = MAX_LINE_CHARS - this.tally.units, used = 0, plain = !0, i = from;
    for (; i < part.length; ) {
      let code = part.codePointAt(i), size2 = code > 65535 ? 2 : 1;
      if (code === TAB2 || code === ZWJ) break;
      let width = cellWidth(code);
      if (width <= 0 || used + width > cells2 || i + size2 - from > units) break;
      (width !== 1 || size2 !== 1) && (plain = !1), used += width, i += size2;
    }
    return i > from && (row.appendText(part.slice(from, i), used, plain), this.cx = cx + used), i;
  }
  /** Writes `part` from `from` to `to`, all one-cell characters (see isSimple); returns `to`. */
  printSimple(part, from, to) {
    for (; from < to; ) {
      let cx = this.cx, row = this.rows[this.cy];
      row.readyFor(cx);
      let room = Math.min(this.columns - cx, MAX_LINE_CHARS - this.tally.units - Math.max(0, cx - row.length), to - from);
      room > 0 ? (row.writeSimple(cx, from === 0 && room === part.length ? part : part.slice(from, from + room)), this.cx = cx + room, from += room) : cx >= this.columns && this.columns > 0 && !this.joiner ? this.wrap() : (this.character(part[from], part.charCodeAt(from)), from++, this.tally.units > MAX_LINE_CHARS && this.split());
    }
    return to;
  }
  /** Escaped bytes the screen does not show: no cell, combined onto the one before like a mark, kept for the log. */
  unshown(text2) {
    if (this.homed && this.leaveHome(), !this.alternate)
      for (let from = 0; from < text2.length; ) {
        let to = text2.charCodeAt(from + 1) === 117 ? from + 6 : from + 4;
        this.rows[this.cy].attach(this.cx, text2.slice(from, to)), this.tally.units > MAX_LINE_CHARS && this.split(), from = to;
      }
  }
  execute(control) {
    this.homed && this.leaveHome(), !this.alternate && (control === LF2 ? this.lineFeed() : control === CR2 ? this.cx = 0 : control === BS2 && (this.cx > 0 ? this.cx = Math.min(this.cx, this.columns) - 1 : this.cy > 0 && this.rows[this.cy - 1].wrapped && (this.cy--, this.cx = this.columns - 1)));
  }
  csi(final, first, second) {
    if (this.alternate) return;
    if (this.homed) {
      if (final === 74 /* EraseInDisplay */ && first <= 2 && first !== 1) {
        this.homed = !1, this.erase(), this.reset(0);
        return;
      }
      if ((final === 72 /* CursorPosition */ || final === 102 /* CursorPositionHvp */) && first <= 1 && second <= 1) return;
      this.leaveHome();
    }
    let count = first > 0 ? first : 1, columns = this.columns, row = this.rows[this.cy];
    switch (final) {
      case 67 /* CursorForward */: {
        let target = this.cx + count;
        this.cx = this.cx >= columns ? columns - 1 : Math.min(target, columns - 1), this.cx < target && this.sink.clamped?.();
        break;
      }
      case 68 /* CursorBackward */:
        this.cx = Math.max(0, this.cx - count);
        break;
      case 71 /* CursorColumn */:
      case 96 /* CursorColumnAbsolute */:
        this.cx = Math.min(count - 1, columns - 1), this.cx < count - 1 && this.sink.clamped?.();
        break;
      case 90 /* CursorBackwardTab */:
        this.cx = this.tabs.previous(Math.min(this.cx, columns - 1), count);
        break;
      case 103 /* TabClear */:
        first <= 0 ? this.tabs.clear(this.cx, columns) : first === 3 && this.tabs.clearAll();
        break;
      case 75 /* EraseInLine */:
        first <= 0 ? this.cx === 0 ? this.clearRow() : this.cx < columns && row.erase(this.cx, Number.MAX_SAFE_INTEGER) : first === 1 ? this.cx >= columns - 1 ? this.clearRow() : row.erase(0, this.cx + 1) : first === 2 && this.clearRow();
        break;
      case 64 /* InsertCharacters */:
        this.cx < columns && row.insert(this.cx, Math.min(count, columns - this.cx), columns), this.tally.units > MAX_LINE_CHARS && this.split();
        break;
      case 80 /* DeleteCharacters */:
        this.cx < columns && row.delete(this.cx, Math.min(count, columns - this.cx));
        break;
      case 88 /* EraseCharacters */:
        this.cx < columns && row.erase(this.cx, this.cx + Math.min(count, columns - this.cx));
        break;
      case 98 /* Repeat */:
        second >= 32 && second < 127 && this.cx < columns && this.print(String.fromCharCode(second).repeat(Math.min(count, columns - this.cx)));
        break;
      case 65 /* CursorUp */:
        this.up(count);
        break;
      case 66 /* CursorDown */:
        this.down(count);
        break;
      case 69 /* CursorNextLine */:
        this.cx = 0, this.down(count);
        break;
      case 70 /* CursorPrecedingLine */:
        this.cx = 0, this.up(count);
        break;
      case 72 /* CursorPosition */:
      case 102 /* CursorPositionHvp */:
        first <= 1 && second <= 1 && !this.origin ? this.homed = !0 : this.leave(Math.min((second > 0 ? second : 1) - 1, columns - 1));
        break;
      case 100 /* CursorRow */:
        this.leave(Math.min(this.cx, columns - 1));
        break;
      case 114 /* ScrollRegion */:
        (second <= 0 || second > count) && (this.origin ? this.leave(0) : this.homed = !0);
        break;
      case 74 /* EraseInDisplay */:
        if (first === 2)
          this.erase(), this.reset(this.cx);
        else if (first <= 0)
          this.drop(this.cy + 1), this.rows[this.cy].wrapped = !1, this.cx === 0 ? this.clearRow() : this.cx < columns && this.rows[this.cy].erase(this.cx, Number.MAX_SAFE_INTEGER);
        else if (first === 1) {
          for (let y = 0; y < this.cy; y++)
            this.rows[y].clear(), this.rows[y].wrapped = !1;
          this.cx >= columns - 1 ? this.clearRow() : row.erase(0, this.cx + 1);
        }
        break;
      case 76 /* InsertLines */:
      case 77 /* DeleteLines */:
      case 83 /* ScrollUp */:
      case 84 /* ScrollDown */:
        this.leave(Math.min(this.cx, columns - 1));
        break;
      case 115 /* SaveCursor */:
        this.save();
        break;
      case 117 /* RestoreCursor */:
        this.restore();
        break;
    }
  }
  esc(final) {
    if (this.homed && this.leaveHome(), !this.alternate)
      switch (final) {
        case 68 /* Index */:
          this.lineFeed();
          break;
        case 69 /* NextLine */:
          this.cx = 0, this.lineFeed();
          break;
        case 77 /* ReverseIndex */:
          this.up(1);
          break;
        case 55 /* SaveCursor */:
          this.save();
          break;
        case 56 /* RestoreCursor */:
          this.restore();
          break;
        case 99 /* Reset */:
          this.erase(), this.reset(0), this.tabs.reset(), this.insert = !1, this.autowrap = !0;
          break;
        case 72 /* TabSet */:
          this.tabs.set(this.cx, this.columns);
          break;
      }
  }
  screen(alternate) {
    this.ignoreScreenSwitches || (this.homed && this.leaveHome(), this.setAlternate(alternate));
  }
  /** Modes that change where text lands; kept in the alternate screen too (tmux keeps them across it). */
  mode(mode, set) {
    if (mode === 4 /* Insert */) this.insert = set;
    else if (mode === 65543 /* Autowrap */) this.autowrap = set;
    else {
      if (this.alternate) return;
      mode === 65542 /* Origin */ ? (this.origin = set, set ? (this.homed = !1, this.leave(0)) : this.homed || (this.homed = !0)) : mode === 65539 /* ColumnMode */ && (this.homed = !1, this.erase(), this.reset(0));
    }
  }
  osc(command, data, truncated) {
    this.homed && this.leaveHome(), this.sink.osc?.(command, data, truncated);
  }
  /** Emits what is left of an unfinished line (end of stream). */
  finish() {
    this.homed = !1, this.leave(0), this.erased !== void 0 && this.writeErased();
  }
  /** The screen is cleared with the unfinished line on it: kept aside (see `erased`). */
  erase() {
    let text2 = this.pendingText();
    trimBlanks(text2) !== "" && (this.erased !== void 0 && !text2.startsWith(trimBlanks(this.erased)) && this.writeErased(), this.erased = text2);
  }
  /** A line is written: the erased text before it, unless the line is it drawn again. */
  beforeLine(text2) {
    text2.startsWith(trimBlanks(this.erased)) || this.writeErased(), this.erased = void 0;
  }
  writeErased() {
    let erased = this.erased;
    this.erased = void 0, this.lineRows = -1, this.sink.line(erased, !1), this.lineRows = 0;
  }
  /** One character that is not TAB (screen_write_cell, screen-write.c:1811). */
  character(character, code) {
    let width = cellWidth(code), row = this.rows[this.cy];
    if (width === -1) {
      row.attach(this.cx, character);
      return;
    }
    if (code === ZWJ) {
      this.joiner = !0, row.attach(this.cx, character);
      return;
    }
    if (this.joiner && code >= 127) {
      this.joiner = !1, row.attach(this.cx, character);
      return;
    }
    if (width === 0) {
      row.attach(this.cx, character);
      return;
    }
    if (!this.autowrap) {
      if (this.cx > this.columns - width) return;
      this.insert && row.insert(this.cx, width, this.columns), row.append(this.cx, character, width) || row.put(this.cx, character, width, code < 127), this.cx = Math.min(this.cx + width, this.columns - 1);
      return;
    }
    if (this.insert && this.cx < this.columns && row.insert(this.cx, width, this.columns), this.cx > this.columns - width && (this.wrap(), this.cx > this.columns - width)) {
      this.rows[this.cy].attach(this.cx, character);
      return;
    }
    let target = this.rows[this.cy];
    target.append(this.cx, character, width) || target.put(this.cx, character, width, code < 127), this.cx += width;
  }
  /** TAB: to the next tab stop, never past the last column (input.c:1221). */
  tab() {
    let last = this.columns - 1;
    if (this.cx >= last) return;
    let to = this.tabs.next(this.cx, last);
    this.rows[this.cy].tab(this.cx, to), this.cx = to;
  }
  /** Text went past the right edge: it carries on at the start of the next row of the line (screen-write.c:1897). */
  wrap() {
    this.rows[this.cy].wrapped = !0, ++this.cy === this.rows.length && this.rows.push(this.spare.pop() ?? new Row(this.tally)), this.cx = 0, this.sink.clamped?.();
  }
  /** LF: down a row of the line, or, from its last row, the line is finished; the column stays (screen-write.c:1334). */
  lineFeed() {
    if (this.newlineReturns && (this.cx = 0), this.cy < this.rows.length - 1)
      this.blankBelow() ? (this.drop(this.cy + 1), this.rows[this.cy].wrapped = !1, this.leave(this.cx, !0)) : this.cy++;
    else if (this.rows.length === 1 && !this.continued) {
      let row = this.rows[0], text2 = row.toString();
      this.erased !== void 0 && this.beforeLine(text2), this.sink.line(text2, !1), row.clear(), row.wrapped = !1, this.lineNumber++;
    } else this.leave(this.cx, !0);
  }
  /** Whether every row below the cursor's holds only blanks. */
  blankBelow() {
    for (let y = this.cy + 1; y < this.rows.length; y++) if (this.rows[y].toString().trim() !== "") return !1;
    return !0;
  }
  /** CUU, RI: up within the line; above its first row, the line is left (screen-write.c:859). */
  up(count) {
    let cx = Math.min(this.cx, this.columns - 1);
    count <= this.cy ? (this.cy -= count, this.cx = cx) : this.leave(cx);
  }
  /** CUD: down within the line; below its last row, the line is left (screen-write.c:886). */
  down(count) {
    let cx = Math.min(this.cx, this.columns - 1);
    this.cy + count < this.rows.length ? (this.cy += count, this.cx = cx) : this.leave(cx);
  }
  save() {
    this.saved = { line: this.lineNumber, cy: this.cy, cx: this.cx };
  }
  /** DECRC/SCORC: back to the saved place if it is on this line; elsewhere, the line is left; never saved: home (input.c:789). */
  restore() {
    let saved = this.saved;
    saved === void 0 ? this.origin ? this.leave(0) : this.homed = !0 : saved.line === this.lineNumber && saved.cy < this.rows.length ? (this.cy = saved.cy, this.cx = Math.min(saved.cx, this.columns - 1)) : this.leave(Math.min(saved.cx, this.columns - 1));
  }
  /** EL 2 (and EL 0 from column 0): the row is emptied, and neither it nor the row above wraps any more (grid.c:651-656). */
  clearRow() {
    let row = this.rows[this.cy];
    row.empty || (row.clear(), row.wrapped = !1, this.cy > 0 && (this.rows[this.cy - 1].wrapped = !1));
  }
  /** The cursor went home and what followed was not an erase of the display: the line was left. */
  leaveHome() {
    this.homed = !1, this.leave(0);
  }
  /**
   * The cursor leaves the line (LF from its last row, or a move it cannot
   * follow): it is written out as it stands, a line for each run of rows
   * joined by wrapping (capture-pane -J joins those only), and a new one begins
   * at column `cx`. LF writes out an empty line too; a move writes out only text.
   */
  leave(cx, lineFeed = !1) {
    let rows = this.rows, text2 = "", start2 = 0, parts = null;
    for (let y = 0; y < rows.length; y++) {
      let row = rows[y], rowText = row.toString();
      if (text2 += rowText, row.wrapped && y < rows.length - 1) {
        (parts ??= []).push(rowText);
        continue;
      }
      this.lineRows = y - start2 + 1, parts !== null && (parts.push(rowText), this.lineRowTexts = parts, parts = null), text2.length > 0 || lineFeed ? this.out(text2, !0) : this.continued = !1, this.lineRows = 0, this.lineRowTexts = null, text2 = "", start2 = y + 1;
    }
    this.reset(cx);
  }
  /** A new, empty line, the cursor at column `cx` of its first row; nothing is written out. */
  reset(cx) {
    this.drop(1);
    let row = this.rows[0];
    row.clear(), row.wrapped = !1, this.cx = cx, this.continued = !1, this.lineNumber++;
  }
  /** Removes the rows from `from` on (at least one row stays); they are kept for reuse. */
  drop(from) {
    let rows = this.rows;
    if (!(rows.length <= from)) {
      for (let y = Math.max(from, 1); y < rows.length; y++) {
        let row = rows[y];
        row.clear(), row.wrapped = !1, this.spare.length < SPARE_ROWS && this.spare.push(row);
      }
      from === 0 && rows[0].clear(), rows.length !== Math.max(from, 1) && (rows.length = Math.max(from, 1)), this.cy >= rows.length && (this.cy = rows.length - 1);
    }
  }
  /**
   * The line holds more than the limit: the rows above the cursor's are written
   * out, front first, in pieces of at most the limit cut where a row ends (a
   * row that does not wrap ends a line of the screen: that one is written out
   * whole); if the cursor's row alone is over the limit, what is before the
   * cursor in it too.
   */
  split() {
    let text2 = "";
    for (; this.cy > 0; ) {
      let row = this.rows.shift();
      this.cy--;
      let rowText = row.toString(), ends2 = !row.wrapped;
      row.clear(), row.wrapped = !1, this.spare.length < SPARE_ROWS && this.spare.push(row), text2.length > 0 && text2.length + rowText.length > MAX_LINE_CHARS && (this.out(text2, !1), text2 = ""), text2 += rowText, ends2 && (this.out(text2, !0), text2 = "");
    }
    this.tally.units > MAX_LINE_CHARS && (text2 += this.rows[0].takeBefore(this.cx)), text2.length > 0 && this.out(text2, !1), this.lineNumber++;
  }
  /** Writes out `text`: a line when `ends`, else a piece to be continued; longer than the limit, in pieces (never splitting a surrogate pair). */
  out(text2, ends2) {
    for (this.erased !== void 0 && !this.continued && this.beforeLine(text2); text2.length > MAX_LINE_CHARS; ) {
      let cut2 = MAX_LINE_CHARS, last = text2.charCodeAt(cut2 - 1);
      last >= 55296 && last <= 56319 && cut2--, this.sink.line(text2.slice(0, cut2), this.continued), this.continued = !0, text2 = text2.slice(cut2);
    }
    ends2 ? (this.sink.line(text2, this.continued), this.continued = !1) : text2.length > 0 && (this.sink.line(text2, this.continued), this.continued = !0);
  }
};
function trimBlanks(text2) {
  let end = text2.length;
  for (; end > 0 && text2.charCodeAt(end - 1) === 32; ) end--;
  return end === text2.length ? text2 : text2.slice(0, end);
}

// src/pipeline/pem-prefix.ts
function bodyPrefix(prefix) {
  if (prefix === "" || /^[ \t]+$/.test(prefix)) return;
  if (/^[ \t]*\d+[ \t:]+$/.test(prefix)) return /^[ \t]*\d+[ \t:]+/;
  let mark = /^([<>+!-])[ \t]?$/.exec(prefix);
  if (mark) return new RegExp(`^\\${mark[1]}[ \\t]?`);
  let grep = /^([^\s:]{1,4096}?)[:-](?:\d+[:-])?$/.exec(prefix);
  if (grep) return new RegExp(`^${grep[1].replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")}[:-](?:\\d+[:-])?`);
}

// src/pipeline/pattern-safety.ts
function riskyPattern(source) {
  let stack = [{ repeat: !1, alternation: !1 }], last, long = 0, tries = 1;
  for (let i = 0; i < source.length; i++) {
    let c = source[i];
    if (c === "\\") {
      let next = source[i + 1] ?? "";
      if (/[1-9]/.test(next) || next === "k" && source[i + 2] === "<") return "it has a backreference";
      i++, last = "atom";
    } else if (c === "[") {
      for (i++, source[i] === "^" && i++, source[i] === "]" && i++; i < source.length && source[i] !== "]"; ) i += source[i] === "\\" ? 2 : 1;
      last = "atom";
    } else if (c === "(")
      stack.push({ repeat: !1, alternation: !1 }), source[i + 1] === "?" && (i++, source[i + 1] === "<" && source[i + 2] !== "=" && source[i + 2] !== "!" ? i = Math.max(i, source.indexOf(">", i)) : i++), last = void 0;
    else if (c === ")") {
      let group = stack.length > 1 ? stack.pop() : { repeat: !1, alternation: !1 }, parent = stack[stack.length - 1];
      parent.repeat ||= group.repeat, last = group;
    } else if (c === "|")
      stack[stack.length - 1].alternation = !0, last = void 0;
    else if (c === "*" || c === "+" || c === "?" || c === "{" && /^\{\d+(?:,\d*)?\}/.test(source.slice(i))) {
      if (typeof last == "object" && (last.repeat || last.alternation))
        return last.repeat ? "it repeats a group that holds a repeat (nested quantifiers)" : "it repeats a group that holds alternatives";
      let bound = c === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i)) : void 0, most = c === "?" ? 1 : bound ? bound[2] === void 0 ? Number(bound[1]) : bound[3] === "" ? 1 / 0 : Number(bound[3]) : 1 / 0;
      if (most > 16) {
        if (++long > 1) return "it has more than one long repeat (*, +, {n,} or over {,16}); bound all but one, e.g. {1,16}";
      } else tries *= most + 1;
      if (tries > (long > 0 ? 4 : 256)) return "its repeats together can split a text too many ways";
      c === "{" && (i = source.indexOf("}", i)), source[i + 1] === "?" && i++, stack[stack.length - 1].repeat = !0, last = void 0;
    } else last = "atom";
  }
}

// src/pipeline/redact.ts
function anyCase(word) {
  return word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}
var B64 = "A-Za-z0-9+/", RULES = [
  // Not only at a word's start: output that ends next to a key (a CR, then text over the column before it) must not let it through.
  { kind: "aws-access-key-id", source: "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}" },
  {
    kind: "aws-secret-access-key",
    source: `(${anyCase("aws")}_?${anyCase("secret")}_?${anyCase("access")}_?${anyCase("key")}["']?[ \\t]{0,8}[:=][ \\t]{0,8}["']?)[${B64}]{40}(?![${B64}=])`,
    keep: !0
  },
  {
    kind: "aws-secret-access-key",
    source: `("?SecretAccessKey"?[ \\t]{0,8}[:=][ \\t]{0,8}"?)[${B64}]{40}(?![${B64}=])`,
    keep: !0
  },
  { kind: "github-token", source: "gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}" },
  { kind: "gitlab-token", source: "gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_-]{20,255}" },
  { kind: "slack-token", source: "(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,255}" },
  { kind: "slack-webhook", source: "https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,255}" },
  {
    kind: "bearer-token",
    source: `(${anyCase("authorization")}["']?[ \\t]{0,8}[:=][ \\t]{0,8}["']?(?:${anyCase("bearer")}|${anyCase("token")}|${anyCase("basic")})[ \\t]{1,8})[A-Za-z0-9._~+/=-]{8,4096}`,
    keep: !0
  },
  {
    // `password=…`, `--password=…`, `DB_PASSWORD=…`, `secret: …` (YAML), `api_key=…`: the value, quoted or one word.
    // A `$` value is a variable's name, not its secret.
    kind: "password",
    source: `((?:${anyCase("password")}|${anyCase("passwd")}|${anyCase("passphrase")}|${anyCase("secret")}|${anyCase("api")}[_-]?${anyCase("key")}|${anyCase("access")}[_-]?${anyCase("token")}|${anyCase("auth")}[_-]?${anyCase("token")})["']?[ \\t]{0,8}(?:=|:[ \\t])[ \\t]{0,8})(?:"[^"\\n$]{1,256}"|'[^'\\n]{1,256}'|[^\\s"'$\\[][^\\s"']{0,255})`,
    keep: !0
  }
], JWT_AT = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/y, BASE64URL_RUN = /[A-Za-z0-9_-]*/y, PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/, PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, PEM_BODY = /^[ \t]*(?:[A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Comment): [A-Za-z0-9, "._:-]{0,256})[ \t]*$/, PEM_BODY_ON_LINE = /(?:[A-Za-z0-9+/=\s]|\\[nr/])*/y, PEM_MAX_LINES = 512, COMBINED = new RegExp(RULES.map((rule, i) => `(?<r${i}>${rule.source})`).join("|"), "g"), MAY_HOLD_SECRET = new RegExp(
  [
    "A(?:KIA|SIA|BIA|CCA)",
    // aws_secret_access_key, SecretAccessKey, secret=
    anyCase("secret"),
    "gh[pousr]_",
    "github_pat_",
    "gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-",
    "(?:xox[abposre]|xapp)-",
    "https://hooks\\.slack\\.com/",
    anyCase("authorization"),
    `${anyCase("pass")}(?:${anyCase("word")}|${anyCase("wd")}|${anyCase("phrase")})`,
    `${anyCase("api")}[_-]?${anyCase("key")}`,
    `(?:${anyCase("access")}|${anyCase("auth")})[_-]?${anyCase("token")}`,
    "eyJ",
    "-----BEGIN "
  ].join("|")
);
function marker(kind) {
  return `[REDACTED:${kind}]`;
}
function parseExtraPatterns(text2) {
  let patterns2 = [];
  for (let word of text2.split(/\s+/)) {
    if (word === "") continue;
    let named = /^([a-z][a-z0-9-]{0,31})=(.+)$/.exec(word), kind = named ? named[1] : "custom", source = named ? named[2] : word, risk = riskyPattern(source);
    if (risk) throw new Error(`refused, ${risk} (it could freeze the reader): ${word}`);
    let regex;
    try {
      regex = new RegExp(source, "g");
    } catch (error) {
      throw new Error(`not a regular expression: ${word} (${error.message})`);
    }
    if (regex.test("")) throw new Error(`matches empty text: ${word}`);
    patterns2.push({ kind, regex });
  }
  return patterns2;
}
function findSecrets(text2, extra = []) {
  let spans = [];
  if (MAY_HOLD_SECRET.test(text2) && builtInSpans(text2, spans), extra.length > 0)
    for (let from = 0; userSpans(text2.slice(from, from + USER_WINDOW_CHARS), from, extra, spans), !(from + USER_WINDOW_CHARS >= text2.length); from += USER_WINDOW_CHARS - USER_OVERLAP_CHARS)
      ;
  return merge(spans);
}
function builtInSpans(text2, spans) {
  pemSpans(text2, spans), jwtSpans(text2, spans), COMBINED.lastIndex = 0;
  for (let match2 = COMBINED.exec(text2); match2; match2 = COMBINED.exec(text2)) {
    let groups = match2.groups;
    for (let i = 0; i < RULES.length; i++) {
      if (groups[`r${i}`] === void 0) continue;
      let rule = RULES[i];
      if (rule.kind === "password" && !assignmentLike(text2, match2, i)) {
        COMBINED.lastIndex = match2.index + 1;
        break;
      }
      let start2 = match2.index + (rule.keep ? keptLength(match2, i) : 0);
      spans.push({ start: start2, end: match2.index + match2[0].length, kind: rule.kind });
      break;
    }
  }
}
var USER_WINDOW_CHARS = 1024, USER_OVERLAP_CHARS = 256;
function userSpans(text2, offset, extra, spans) {
  for (let pattern of extra) {
    pattern.regex.lastIndex = 0;
    for (let match2 = pattern.regex.exec(text2); match2; match2 = pattern.regex.exec(text2)) {
      if (match2[0] === "") {
        pattern.regex.lastIndex++;
        continue;
      }
      spans.push({ start: offset + match2.index, end: offset + match2.index + match2[0].length, kind: pattern.kind });
    }
  }
}
var KEPT_GROUP = [];
{
  let group = 1;
  for (let rule of RULES)
    KEPT_GROUP.push(rule.keep ? group + 1 : -1), group += 1 + (rule.keep ? 1 : 0);
}
function assignmentLike(text2, match2, rule) {
  let kept = match2[KEPT_GROUP[rule]] ?? "";
  if (!/:[ \t]*$/.test(kept) || /["']/.test(kept)) return !0;
  let value = text2.charCodeAt(match2.index + kept.length);
  if (value === 34 || value === 39) return !0;
  let at = match2.index;
  for (; at > 0 && /[\w.-]/.test(text2[at - 1]); ) at--;
  return /^[ \t]*(?:- )?$/.test(text2.slice(0, at));
}
function keptLength(match2, rule) {
  return match2[KEPT_GROUP[rule]]?.length ?? 0;
}
function jwtSpans(text2, spans) {
  let from = 0;
  for (; ; ) {
    let at = text2.indexOf("eyJ", from);
    if (at < 0) return;
    JWT_AT.lastIndex = at;
    let match2 = JWT_AT.exec(text2);
    match2 ? (spans.push({ start: at, end: at + match2[0].length, kind: "jwt" }), from = at + match2[0].length) : (BASE64URL_RUN.lastIndex = at, BASE64URL_RUN.exec(text2), from = BASE64URL_RUN.lastIndex + 1);
  }
}
function pemSpans(text2, spans) {
  let from = 0;
  for (; ; ) {
    let at = text2.indexOf("-----BEGIN ", from);
    if (at < 0) return;
    let begin = PEM_BEGIN.exec(text2.slice(at, at + 128));
    if (!begin || begin.index !== 0) {
      from = at + 1;
      continue;
    }
    PEM_BODY_ON_LINE.lastIndex = at + begin[0].length, PEM_BODY_ON_LINE.exec(text2);
    let end = PEM_BODY_ON_LINE.lastIndex, close = PEM_END.exec(text2.slice(end, end + 128));
    close && close.index === 0 && (end += close[0].length), spans.push({ start: at, end, kind: "pem-private-key" }), from = end;
  }
}
function merge(spans) {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let merged = [spans[0]];
  for (let i = 1; i < spans.length; i++) {
    let span2 = spans[i], last = merged[merged.length - 1];
    span2.start < last.end ? last.end = Math.max(last.end, span2.end) : merged.push(span2);
  }
  return merged;
}
function applySpans(text2, spans) {
  if (spans.length === 0) return text2;
  let out = "", at = 0;
  for (let span2 of spans)
    out += text2.slice(at, span2.start) + marker(span2.kind), at = span2.end;
  return out + text2.slice(at);
}
function redactText(text2, extra = []) {
  let spans = findSecrets(text2, extra);
  return { text: applySpans(text2, spans), count: spans.length };
}
var CONTEXT_CHARS = 256, Redactor = class {
  extra;
  holdFrom;
  /** A line or piece that may be continued, not yet redacted: its text is scanned with the next piece's. */
  held;
  /** The raw text just before the held record's, from the pieces before it. */
  heldContext = "";
  /** Inside a PEM key's body: lines swallowed so far (-1: not inside one). */
  pemLines = -1;
  /** What the key's lines carry before them (a line number, `> `, `key.pem-`), from its BEGIN line: pem-prefix.ts. */
  pemPrefix;
  count = 0;
  constructor(options = {}) {
    this.extra = options.extra ?? [], this.holdFrom = (options.maxLineChars ?? MAX_LINE_CHARS) - 1;
  }
  push(record, next) {
    if (record.kind === "event") {
      this.release(next), next(this.event(record));
      return;
    }
    if (record.kind === "piece" && this.held) {
      this.joinHeld(record, next);
      return;
    }
    if (this.release(next), !(this.pemLines >= 0 && this.inPem(record, next))) {
      if (record.kind !== "screen" && record.kind !== "history" && record.text.length >= this.holdFrom) {
        this.hold(record, "");
        return;
      }
      this.emit(record, record.text, next);
    }
  }
  settle(next) {
    this.release(next);
  }
  hold(record, context) {
    this.held = { ...record }, this.heldContext = context;
  }
  /** The record after one that may be continued: scanned together, so a secret across the cut is caught. */
  joinHeld(piece, next) {
    let held2 = this.held, context = this.heldContext;
    this.held = void 0;
    let joined2 = context + held2.text + piece.text, cut2 = context.length + held2.text.length, spans = findSecrets(joined2, this.extra).filter((span2) => span2.start >= context.length), before2 = [], resume = cut2;
    for (let span2 of spans) {
      if (span2.start >= cut2) break;
      before2.push({ ...span2, start: span2.start - context.length, end: span2.end - context.length }), span2.end > cut2 && (resume = span2.end);
    }
    this.count += before2.length, next({ ...held2, text: applySpans(joined2.slice(context.length, resume), before2) });
    let rest = { ...piece, text: joined2.slice(resume) }, restContext = joined2.slice(Math.max(context.length, resume - CONTEXT_CHARS), resume);
    piece.text.length >= this.holdFrom ? this.hold(rest, restContext) : this.emit(rest, rest.text, next, restContext);
  }
  release(next) {
    if (!this.held) return;
    let held2 = this.held;
    this.held = void 0, this.emit(held2, held2.text, next, this.heldContext);
  }
  /** Redacts a line (or screen row; `context`: a piece's, see joinHeld), and opens a key's block when one ends inside one. */
  emit(record, text2, next, context) {
    if (context === void 0 && this.extra.length === 0 && !MAY_HOLD_SECRET.test(text2)) return next(record);
    let spans;
    if (context === void 0) spans = findSecrets(text2, this.extra);
    else {
      spans = [];
      for (let span2 of findSecrets(context + text2, this.extra))
        span2.start >= context.length && spans.push({ ...span2, start: span2.start - context.length, end: span2.end - context.length });
    }
    this.count += spans.length;
    let last = spans[spans.length - 1];
    record.kind !== "piece" && last && last.kind === "pem-private-key" && last.end === text2.length && !PEM_END.test(text2.slice(last.start)) && (this.pemLines = 0, this.pemPrefix = bodyPrefix(text2.slice(0, last.start))), next(spans.length ? { ...record, text: applySpans(text2, spans) } : record);
  }
  /** Inside a key's block: a body line is swallowed (true), the END line closes it; anything else ends the block and is recorded as usual. */
  inPem(record, next) {
    let text2 = record.text, prefix = this.pemPrefix?.exec(text2);
    prefix && (text2 = text2.slice(prefix[0].length));
    let end = PEM_END.exec(text2);
    if (end && PEM_BODY.test(text2.slice(0, end.index))) {
      this.pemLines = -1;
      let rest = text2.slice(end.index + end[0].length);
      return rest !== "" && this.emit({ ...record, text: rest }, rest, next), !0;
    }
    return PEM_BODY.test(text2) && this.pemLines < PEM_MAX_LINES ? (this.pemLines++, !0) : (this.pemLines = -1, !1);
  }
  /** Events carry pane text too (a command's `cmd`, an error's message): every text field is redacted; `stop` says how many were. */
  event(record) {
    let fields;
    for (let [key2, value] of Object.entries(record.fields ?? {})) {
      if (typeof value != "string") continue;
      let redacted = redactText(value, this.extra);
      redacted.count !== 0 && (this.count += redacted.count, fields ??= { ...record.fields }, fields[key2] = redacted.text);
    }
    return record.text === "stop" && this.count > 0 && (fields = { ...fields ?? record.fields, redacted: this.count }), fields ? { ...record, fields } : record;
  }
};

// src/sinks/syslog/target.ts
var FACILITIES = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  ntp: 12,
  security: 13,
  console: 14,
  clock: 15,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23
};
function parseSyslogTarget(url, facilityName, ca) {
  let facility = FACILITIES[facilityName.trim().toLowerCase() || "authpriv"];
  if (facility === void 0) throw new Error(`unknown facility '${facilityName}' (one of ${Object.keys(FACILITIES).join(", ")})`);
  let unix = /^unix:\/\/(\/.+)$/.exec(url);
  if (unix) return { transport: "unix", path: unix[1], facility };
  let net3 = /^(udp|tcp|tls):\/\/(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})\/?$/.exec(url);
  if (!net3) throw new Error("is not unix:///path, udp://host:port, tcp://host:port or tls://host:port");
  let port = Number(net3[4]);
  if (port < 1 || port > 65535) throw new Error(`port ${port} is out of range`);
  let transport = net3[1];
  return { transport, host: net3[2] ?? net3[3], port, facility, ...transport === "tls" && ca ? { ca } : {} };
}
function describeTarget(target) {
  return target.transport === "unix" ? `unix://${target.path}` : `${target.transport}://${target.host.includes(":") ? `[${target.host}]` : target.host}:${target.port}`;
}

// src/core/options.ts
var OPTIONS = {
  key: {
    name: "@audit-key",
    default: "A",
    meaning: "the key (after the prefix) that toggles logging of the current pane",
    readAt: "load"
  },
  dir: {
    name: "@audit-dir",
    default: "",
    computedDefault: "${XDG_STATE_HOME:-$HOME/.local/state}/tmux-audit",
    meaning: "where logs go; absolute, ~ allowed. Created mode 0700",
    readAt: "start"
  },
  timeFormat: {
    name: "@audit-time-format",
    default: DEFAULT_TIME_FORMAT,
    meaning: "the stamp's time, a date-fns format string; local time",
    readAt: "start"
  },
  format: {
    name: "@audit-format",
    default: "text",
    meaning: "text, or json: JSON Lines, one object per record, for log shippers (Vector, Fluent Bit, Filebeat); the reading commands read both",
    readAt: "start"
  },
  cast: {
    name: "@audit-cast",
    default: "off",
    meaning: "on: also keep the pane's raw output with its timing as <log>.<rec>.cast (asciicast v2, rotated and pruned like the logs), which export --asciicast then uses: full-screen programs replay exactly",
    readAt: "start"
  },
  maxSize: {
    name: "@audit-max-size",
    default: "10M",
    meaning: "rotate a session's log before it grows past this; K, M, G (powers of 1024)",
    readAt: "start"
  },
  maxFiles: {
    name: "@audit-max-files",
    default: "20",
    meaning: "rotated files kept per session, or all; the oldest beyond this are deleted",
    readAt: "start"
  },
  rotate: {
    name: "@audit-rotate",
    default: "both",
    meaning: "when a new file is started: size (at @audit-max-size), daily (at local midnight), or both",
    readAt: "start"
  },
  maxAge: {
    name: "@audit-max-age",
    default: "off",
    meaning: "rotated files older than this (e.g. 90d, 12h) are deleted, or off",
    readAt: "start"
  },
  compress: {
    name: "@audit-compress",
    default: "on",
    meaning: "gzip rotated files in the background (on or off); every reading command and verify read .gz files",
    readAt: "start"
  },
  chainKey: {
    name: "@audit-chain-key",
    default: "",
    meaning: "a file whose bytes key the logs' hash chain (HMAC-SHA-256); empty: a plain SHA-256 chain",
    readAt: "start"
  },
  history: {
    name: "@audit-history",
    default: "on",
    meaning: "on: a start by hand writes what the pane already showed (its screen above the cursor's line and up to @audit-history-lines of scrollback) as a marked history block",
    readAt: "start"
  },
  historyLines: {
    name: "@audit-history-lines",
    default: "1000",
    meaning: "at most this many lines of scrollback in that block",
    readAt: "start"
  },
  statusOn: {
    name: "@audit-status-on",
    default: "#[fg=red,bold]\u25CF REC#[default]",
    meaning: "what #{audit_status} shows while the current pane is logged",
    readAt: "load"
  },
  statusStalled: {
    name: "@audit-status-stalled",
    default: "#[fg=yellow,bold]\u25CF REC?#[default]",
    meaning: "what #{audit_status} shows while the current pane's reader has not reported for 15 s (stopped, stuck, or far behind)",
    readAt: "load"
  },
  statusOff: {
    name: "@audit-status-off",
    default: "",
    meaning: "what #{audit_status} shows otherwise",
    readAt: "load"
  },
  redact: {
    name: "@audit-redact",
    default: "on",
    meaning: "on: secrets (cloud and forge tokens, JWTs, private keys, Bearer headers, password= values) become [REDACTED:<kind>] before anything is written or sent; off",
    readAt: "start"
  },
  redactPatterns: {
    name: "@audit-redact-patterns",
    default: "",
    meaning: "more patterns to redact, separated by spaces: kind=regex or a bare regex (kind custom); write a space inside one as \\s",
    readAt: "start"
  },
  syslog: {
    name: "@audit-syslog",
    default: "",
    meaning: "also forward every record, as RFC 5424, to unix:///dev/log, udp://host:port, tcp://host:port or tls://host:port; empty: no forwarding",
    readAt: "start"
  },
  syslogFacility: {
    name: "@audit-syslog-facility",
    default: "authpriv",
    meaning: "the syslog facility of forwarded records",
    readAt: "start"
  },
  syslogCa: {
    name: "@audit-syslog-ca",
    default: "",
    meaning: "with tls://: the CA certificate file (PEM) the collector's certificate is checked against; empty: the system's CAs",
    readAt: "start"
  },
  node: {
    name: "@audit-node",
    default: "node",
    meaning: "the Node.js to run, for when tmux's PATH lacks it (nvm and the like)",
    readAt: "load"
  },
  saveKey: {
    name: "@audit-save-key",
    default: "M-a",
    meaning: "the key (after the prefix) that saves the current pane's complete history, cleaned, to a file beside the logs",
    readAt: "load"
  },
  auto: {
    name: "@audit-auto",
    default: "off",
    meaning: "on: log every pane without a key press, those there when the plugin loads and every new session, window and split from its first byte",
    readAt: "load"
  }
}, START_OPTIONS = Object.keys(OPTIONS).filter((key2) => OPTIONS[key2].readAt === "start"), PANE_OPTIONS = {
  recording: "@audit_on",
  runFile: "@audit_run",
  /** The recording after whose end a re-arm loop has piped the respawned pane (core/auto.ts rearmScript): one loop does. */
  rearmed: "@audit_rearmed",
  /** Who last ran pipe-pane on the pane (`#{client_user}`, set by the after-pipe-pane hook). */
  pipedBy: "@audit_piped_by",
  /** A window option: the client tmux last saw typing in the window (`#{hook_client}`, set by the client-active hook). */
  typist: "@audit_typist",
  /** Followed by a shell's pid: the SHA-256 of the nonce an integrated shell signs its command marks with (shell/integration.*). */
  shellKey: "@audit_shell_",
  /** The reader's heartbeat: epoch seconds, set at start and every few seconds while it reads (the status format checks it). */
  beat: "@audit_beat",
  /** Set globally once the toggle has suggested shell integration (it is said once per server, not at every start). */
  shellHinted: "@audit_shell_hinted",
  /** Who stopped the pane's logging by hand: auto-start leaves it off (a respawn, the plugin loaded again) until a start by hand clears it. */
  offBy: "@audit_off_by",
  /**
   * The prefix of a server option named for a user's stop (its nonce): set by the step that closes the pipe
   * (tmux/client.ts stopPipe), taken by the reader, which honours the stop's request only if it is there.
   */
  stopMark: "@audit_stop_",
  /**
   * The reader's pid, set when it starts and cleared with the marks: audit.tmux's window-layout-changed hook sends it
   * SIGWINCH, so it learns a resize at once (capture/resize-hold.ts).
   */
  readerPid: "@audit_reader_pid",
  /**
   * The pane's size (`80x24`) as tmux answered the reader's last question whose answer its models take
   * (tmux/client.ts paneSize): audit.tmux's resize hook signals only readers whose size differs from the pane's, so a
   * select-pane or a layout change that leaves a pane's size alone starts nothing. Cleared with the marks; never read
   * back by the reader.
   */
  readerSize: "@audit_reader_size"
}, AGE_UNITS = { m: 6e4, h: 36e5, d: 864e5, w: 7 * 864e5 };
function parseAge(text2) {
  if (/^\s*off\s*$/i.test(text2)) return Number.POSITIVE_INFINITY;
  let match2 = /^\s*(\d+)\s*([mhdw])\s*$/i.exec(text2);
  if (!(!match2 || Number(match2[1]) === 0))
    return Number(match2[1]) * AGE_UNITS[match2[2].toLowerCase()];
}
var OPTION_NAMES = Object.fromEntries(START_OPTIONS.map((key2) => [key2, OPTIONS[key2].name])), DEFAULT_MAX_SIZE = OPTIONS.maxSize.default, DEFAULT_MAX_FILES = Number(OPTIONS.maxFiles.default);
function defaultDir(env) {
  let state = env.XDG_STATE_HOME && import_node_path.default.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : import_node_path.default.join(env.HOME ?? "/", ".local", "state");
  return import_node_path.default.join(state, "tmux-audit");
}
var UNITS = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
function parseSize(text2) {
  let match2 = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text2);
  if (!match2) return;
  let bytes = Math.floor(Number(match2[1]) * UNITS[match2[2].toLowerCase()]);
  return bytes > 0 ? bytes : void 0;
}
function resolveOptions(given_, env) {
  let raw = Object.fromEntries(START_OPTIONS.map((key2) => [key2, given_[key2] ?? ""])), warnings = [], visible = (value) => escapeText(value).replace(/\t/g, "\\u0009"), fallback = (key2, why, value, shown) => (warnings.push(`${OPTION_NAMES[key2]} '${visible(raw[key2] ?? "")}' ${why}; using ${shown}`), value), given = (key2, shownDefault) => {
    let value = raw[key2] ?? "";
    return visible(value) === value ? value : fallback(key2, "holds a control character (shown as \\uXXXX)", "", shownDefault);
  }, dir = defaultDir(env), rawDir = given("dir", dir);
  if (rawDir !== "") {
    let expanded = rawDir.replace(/^~(?=$|\/)/, env.HOME ?? "~");
    import_node_path.default.isAbsolute(expanded) ? dir = import_node_path.default.normalize(expanded) : dir = fallback("dir", "is not an absolute path", dir, dir);
  }
  let timeFormat = OPTIONS.timeFormat.default, rawTimeFormat = given("timeFormat", `'${timeFormat}'`);
  if (rawTimeFormat !== "") {
    let problem = timeFormatProblem(rawTimeFormat);
    problem ? timeFormat = fallback("timeFormat", `is not a date-fns format (${problem})`, timeFormat, `'${timeFormat}'`) : timeFormat = rawTimeFormat;
  }
  let format2 = "text", rawFormat = given("format", format2).trim().toLowerCase();
  LOG_FORMATS.includes(rawFormat) ? format2 = rawFormat : rawFormat !== "" && (format2 = fallback("format", `is not ${LOG_FORMATS.join(" or ")}`, format2, format2));
  let cast = !1, rawCast = given("cast", "off").trim().toLowerCase();
  /^(on|yes|true|1)$/.test(rawCast) ? cast = !0 : /^(off|no|false|0|)$/.test(rawCast) || (cast = fallback("cast", "is not on or off", !1, "off"));
  let maxBytes = parseSize(DEFAULT_MAX_SIZE), rawMaxSize = given("maxSize", DEFAULT_MAX_SIZE);
  if (rawMaxSize !== "") {
    let parsed = parseSize(rawMaxSize);
    parsed === void 0 ? maxBytes = fallback("maxSize", "is not a size like 10M, 512K or 1G", maxBytes, DEFAULT_MAX_SIZE) : maxBytes = parsed;
  }
  let maxFiles = DEFAULT_MAX_FILES, rawMaxFiles = given("maxFiles", String(maxFiles)).trim();
  /^all$/i.test(rawMaxFiles) ? maxFiles = Number.POSITIVE_INFINITY : /^\d+$/.test(rawMaxFiles) && Number(rawMaxFiles) > 0 ? maxFiles = Number(rawMaxFiles) : rawMaxFiles !== "" && (maxFiles = fallback("maxFiles", "is not a number of files above 0 ('all' keeps every rotated file)", maxFiles, String(maxFiles)));
  let rotate = OPTIONS.rotate.default, rawRotate = given("rotate", rotate).trim().toLowerCase();
  rawRotate === "size" || rawRotate === "daily" || rawRotate === "both" ? rotate = rawRotate : rawRotate !== "" && (rotate = fallback("rotate", "is not size, daily or both", rotate, rotate));
  let maxAgeMs = Number.POSITIVE_INFINITY, rawMaxAge = given("maxAge", OPTIONS.maxAge.default);
  if (rawMaxAge !== "") {
    let parsed = parseAge(rawMaxAge);
    parsed === void 0 ? maxAgeMs = fallback("maxAge", "is not an age like 90d, 12h or 2w, or off", maxAgeMs, OPTIONS.maxAge.default) : maxAgeMs = parsed;
  }
  let compress = !0, rawCompress = given("compress", OPTIONS.compress.default).trim().toLowerCase();
  rawCompress === "off" || rawCompress === "no" || rawCompress === "0" ? compress = !1 : rawCompress !== "" && rawCompress !== "on" && rawCompress !== "yes" && rawCompress !== "1" && (compress = fallback("compress", "is not on or off", !0, "on"));
  let chainKey2 = given("chainKey", "''");
  if (chainKey2 !== "") {
    let expanded = chainKey2.replace(/^~(?=$|\/)/, env.HOME ?? "~");
    import_node_path.default.isAbsolute(expanded) ? chainKey2 = import_node_path.default.normalize(expanded) : chainKey2 = fallback("chainKey", "is not an absolute path", "", "no key");
  }
  let rawHistory = given("history", OPTIONS.history.default).trim().toLowerCase(), history = !0;
  rawHistory === "off" || rawHistory === "no" || rawHistory === "0" || rawHistory === "false" ? history = !1 : rawHistory !== "" && rawHistory !== "on" && rawHistory !== "yes" && rawHistory !== "1" && rawHistory !== "true" && (history = fallback("history", "is not on or off", !0, "on"));
  let historyLines = Number(OPTIONS.historyLines.default), rawHistoryLines = given("historyLines", String(historyLines)).trim();
  /^\d+$/.test(rawHistoryLines) && Number(rawHistoryLines) <= 1e6 ? historyLines = Number(rawHistoryLines) : rawHistoryLines !== "" && (historyLines = fallback("historyLines", "is not a number of lines (0 to 1000000)", historyLines, String(historyLines)));
  let rawRedact = given("redact", "on").trim(), redact = !/^(off|no|false|0)$/i.test(rawRedact);
  rawRedact !== "" && redact && !/^(on|yes|true|1)$/i.test(rawRedact) && fallback("redact", "is not 'on' or 'off'", !0, "on");
  let redactPatterns = given("redactPatterns", "none");
  try {
    parseExtraPatterns(redactPatterns);
  } catch (error) {
    redactPatterns = fallback("redactPatterns", `has a pattern that cannot be used: ${error.message}`, "", "none");
  }
  let syslog, rawSyslog = given("syslog", "no forwarding").trim(), rawFacility = given("syslogFacility", OPTIONS.syslogFacility.default), rawCa = given("syslogCa", "the system CAs").trim();
  if (rawSyslog !== "")
    try {
      syslog = parseSyslogTarget(rawSyslog, rawFacility, rawCa);
    } catch (error) {
      fallback("syslog", error.message, void 0, "no forwarding");
    }
  return {
    options: { dir, timeFormat, format: format2, cast, maxBytes, maxFiles, rotate, maxAgeMs, compress, chainKey: chainKey2, history, historyLines, redact, redactPatterns, ...syslog ? { syslog } : {} },
    warnings
  };
}

// src/core/plan.ts
var import_node_path3 = __nodeBuiltin(require("node:path"));

// src/core/context.ts
function startContext(facts) {
  let clients = facts.clients.map((client) => client.user ? `${client.name}(${client.user})` : client.name);
  return {
    host: facts.host,
    command: facts.command,
    cwd: facts.cwd,
    window_name: facts.windowName,
    socket: facts.socket,
    clients: clients.length > 0 ? clients.join(",") : "none"
  };
}

// src/core/paths.ts
var import_node_crypto2 = require("node:crypto"), import_node_path2 = __nodeBuiltin(require("node:path")), MAX_SESSION_STEM = 140, MAX_SOCKET_STEM = 48, HASH_SUFFIX = 9;
function sessionStem(session, max = MAX_SESSION_STEM) {
  let pieces = [], length = 0;
  for (let char of session) {
    let piece = "";
    for (let byte of Buffer.from(char, "utf8")) {
      let ascii = String.fromCharCode(byte), safe = /[A-Za-z0-9_-]/.test(ascii) || ascii === "." && length + piece.length > 0;
      piece += safe ? ascii : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
    pieces.push(piece), length += piece.length;
  }
  if (length === 0) return "%";
  if (length <= max) return pieces.join("");
  let prefix = "";
  for (let piece of pieces) {
    if (prefix.length + piece.length > max - HASH_SUFFIX) break;
    prefix += piece;
  }
  return `${prefix}~${(0, import_node_crypto2.createHash)("sha256").update(session, "utf8").digest("hex").slice(0, 8)}`;
}
function sessionLogPath(dir, session, socketPath) {
  let socket = import_node_path2.default.basename(socketPath), server = socket === "default" || socket === "" ? "" : `@${sessionStem(socket, MAX_SOCKET_STEM)}`;
  return import_node_path2.default.join(dir, `${sessionStem(session)}${server}.log`);
}
function runFilePath(dir, serverPid, paneId, recordingId) {
  return import_node_path2.default.join(dir, ".run", `${paneRunStem(serverPid, paneId)}-${recordingId}.json`);
}
function paneRunStem(serverPid, paneId) {
  return `${serverPid}-${paneId.replace(/^%/, "")}`;
}
function runFilePane(runFile) {
  let stem = /^(\d+-\d+)(?:-[A-Za-z0-9_-]+)?\.json$/.exec(import_node_path2.default.basename(runFile))?.[1];
  return stem === void 0 ? void 0 : import_node_path2.default.join(import_node_path2.default.dirname(runFile), stem);
}
function pidFilePath(runFile) {
  return runFile.replace(/\.json$/, ".pid");
}
function stopFilePath(runFile) {
  return runFile.replace(/\.json$/, ".stop");
}
function toggleStopPath(runFile, nonce, confirmed = !1) {
  return runFile.replace(/\.json$/, `${confirmed ? TOGGLE_STOPPED : TOGGLE_STOP}${nonce}`);
}
var TOGGLE_STOP = ".stop-", TOGGLE_STOPPED = ".stopped-", NONCE = /^[0-9a-f]{32}$/;
function toggleStopNonces(runFile, names) {
  let stem = import_node_path2.default.basename(runFile).replace(/\.json$/, ""), found = [];
  for (let name of names) {
    if (!name.startsWith(stem)) continue;
    let rest = name.slice(stem.length), confirmed = rest.startsWith(TOGGLE_STOPPED), nonce = rest.slice((confirmed ? TOGGLE_STOPPED : TOGGLE_STOP).length);
    (confirmed || rest.startsWith(TOGGLE_STOP)) && NONCE.test(nonce) && found.push({ nonce, confirmed });
  }
  return found;
}
function rotationLockPath(logFile) {
  return import_node_path2.default.join(import_node_path2.default.dirname(logFile), `.${import_node_path2.default.basename(logFile)}.lock`);
}

// src/tmux/quote.ts
function literal(text2) {
  return text2.replace(/%/g, "%%").replace(/#/g, "##");
}
function shellQuote(word) {
  return `'${word.replace(/'/g, "'\\''")}'`;
}
function shellQuoteForFormat(word) {
  return shellQuote(word).replace(/#\[/g, "#''[");
}
function tmuxQuote(word) {
  return `'${word.replace(/'/g, "'\\''").replace(/\n/g, "'\\n'")}'`;
}

// src/core/plan.ts
var READER_NODE_FLAGS = "--max-semi-space-size=1";
function chooseAction(verb, state, recordingAlive) {
  if (verb === "toggle") return recordingAlive ? "stop" : "start";
  if (verb === "start" && recordingAlive) throw new AuditError(`${state.paneId} is already being logged (rec ${state.recording})`);
  if (verb === "stop" && state.recording === "") throw new AuditError(`${state.paneId} is not being logged`);
  return verb;
}
function asker(clientUser, username) {
  return clientUser || username;
}
function pipeCommand(node, bundle, runFile) {
  let quotedNode = shellQuoteForFormat(node), quotedBundle = shellQuoteForFormat(bundle), quotedRunFile = shellQuoteForFormat(runFile), reader = `${quotedNode} ${READER_NODE_FLAGS} ${quotedBundle}`, helper = `${quotedNode} ${quotedBundle}`;
  return `${reader} pipe ${quotedRunFile} || exec ${helper} recover ${quotedRunFile} "$?" <&-`;
}
var SHELL_RC = {
  bash: { rc: "~/.bashrc", snippet: "integration.bash" },
  zsh: { rc: "~/.zshrc", snippet: "integration.zsh" },
  fish: { rc: "~/.config/fish/config.fish", snippet: "integration.fish" }
};
function integrationHint(facts) {
  if (facts.integrated || facts.state.shellHinted) return;
  let shell = SHELL_RC[facts.state.command.replace(/^-/, "")];
  if (!(!shell || !facts.shipped(`shell/${shell.snippet}`)))
    return `tip: to log each command with its exit status, add to ${shell.rc}: source ${facts.pluginDir}/shell/${shell.snippet}`;
}
function planStart(facts) {
  let { state, options } = facts, file = sessionLogPath(options.dir, state.session, state.socket), runFile = runFilePath(options.dir, state.serverPid, state.paneId, facts.id), messages = [`logging ${state.paneId} \u2192 ${file} (rec ${facts.id})`];
  state.recording !== "" && messages.push(`previous recording ${state.recording} of ${state.paneId} had stopped unexpectedly`), messages.push(...facts.warnings), facts.dirExists || messages.push(`${OPTION_NAMES.dir}: created ${options.dir} (mode 0700)`);
  let hint = integrationHint(facts);
  return hint && messages.push(hint), {
    file,
    runFile,
    seedAt: state.alternateScreen ? void 0 : { x: state.cursorX, y: state.cursorY },
    recording: {
      id: facts.id,
      file,
      user: facts.username,
      by: facts.by ?? asker(facts.clientUser, facts.username),
      session: state.session,
      window: state.window,
      pane: state.pane,
      paneId: state.paneId,
      socket: state.socket,
      version: state.version,
      timeFormat: options.timeFormat,
      format: options.format,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      rotate: options.rotate,
      maxAgeMs: options.maxAgeMs,
      compress: options.compress,
      chainKey: options.chainKey,
      alternateScreen: state.alternateScreen,
      ...state.alternateScreenAllowed ? {} : { noAlternateScreen: !0 },
      width: state.width,
      height: state.height,
      ...state.tty ? { tty: state.tty } : {},
      ...options.cast ? { cast: !0 } : {},
      shell: facts.integrated ? "integrated" : "plain",
      context: startContext({
        host: state.host,
        command: state.command,
        cwd: state.cwd,
        windowName: state.windowName,
        socket: state.socket,
        clients: facts.clients ?? []
      }),
      ...options.redact ? {} : { redact: !1 },
      ...options.redactPatterns ? { redactPatterns: options.redactPatterns } : {},
      ...options.syslog ? { syslog: options.syslog } : {},
      stops: "nonce"
    },
    command: pipeCommand(facts.node, facts.bundle, runFile),
    messages,
    hinted: hint !== void 0,
    readerFailed: `the log reader for ${state.paneId} did not start (${facts.node} ${facts.bundle})`
  };
}
function cannotWrite(file, failure2) {
  return new AuditError(`cannot write ${file}: ${failure2.code === "ELOOP" ? "it is a symlink (refused)" : failure2.message}`);
}
function planStop(state, recordingAlive, by) {
  return recordingAlive ? { requestStopBy: by, messages: [`stopped logging ${state.paneId} (rec ${state.recording})`] } : { messages: [`logging of ${state.paneId} had already stopped unexpectedly (rec ${state.recording})`] };
}
function stopOvertaken(state, now) {
  let after = now === "" ? `${state.paneId} is not logged` : `rec ${now} logs ${state.paneId} now; nothing stopped it`;
  return `rec ${state.recording} of ${state.paneId} had ended meanwhile; ${after}`;
}
function describePane(state, live) {
  let where = `${state.paneId} (${state.session}:${state.window}.${state.pane})`;
  return state.recording === "" ? `${where} is not being logged` : live ? `${where} is being logged to ${live.recording.file} (rec ${live.recording.id}, started by ${live.recording.by}, reader pid ${live.pid})` : `${where}: logging stopped unexpectedly (rec ${state.recording}); toggle to start again`;
}
function filterRecording(filter, facts) {
  let { options, warnings } = resolveOptions(
    { dir: "", timeFormat: filter.timeFormat, maxSize: filter.maxSize, maxFiles: filter.maxFiles, format: "", cast: "", syslog: filter.syslog, syslogFacility: filter.syslogFacility },
    facts.env
  );
  return {
    recording: {
      id: facts.id,
      file: import_node_path3.default.resolve(facts.cwd, filter.file),
      user: facts.username,
      by: facts.username,
      session: filter.session,
      window: "0",
      pane: "0",
      paneId: "",
      socket: "",
      version: "",
      timeFormat: options.timeFormat,
      format: options.format,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      // A filter's file is the user's own: rotated by size only, nothing compressed or aged out unasked.
      rotate: "size",
      compress: !1,
      seed: "",
      ...filter.redact === !1 ? { redact: !1 } : {},
      ...options.syslog ? { syslog: options.syslog } : {},
      stops: "nonce"
    },
    warnings
  };
}

// src/sinks/file/safe-fs.ts
var import_node_crypto3 = require("node:crypto"), import_node_fs = __nodeBuiltin(require("node:fs")), import_node_path4 = __nodeBuiltin(require("node:path"));
var { O_WRONLY, O_RDONLY, O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = import_node_fs.default.constants, APPEND_FLAGS = O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK, CREATE_FLAGS = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK, READ_FLAGS = O_RDONLY | O_NOFOLLOW | O_NONBLOCK;
function euid() {
  return process.geteuid?.() ?? 0;
}
var passwd;
function userName(uid) {
  if (!passwd) {
    passwd = /* @__PURE__ */ new Map();
    try {
      for (let line3 of import_node_fs.default.readFileSync("/etc/passwd", "utf8").split(`
`)) {
        let [name, , id] = line3.split(":");
        name && id && !passwd.has(Number(id)) && passwd.set(Number(id), name);
      }
    } catch {
    }
  }
  return passwd.get(uid) ?? `uid ${uid}`;
}
function who(uid) {
  let name = userName(uid);
  return name === `uid ${uid}` ? name : `${name} (uid ${uid})`;
}
function modeText(mode) {
  return (mode & 4095).toString(8).padStart(4, "0");
}
function kindOf(stat) {
  return stat.isSymbolicLink() ? "a symlink" : stat.isDirectory() ? "a directory" : stat.isFIFO() ? "a FIFO" : stat.isSocket() ? "a socket" : stat.isCharacterDevice() || stat.isBlockDevice() ? "a device" : "not a regular file";
}
function foreignness(where, stat) {
  let owner = `owned by ${who(stat.uid)}, mode ${modeText(stat.mode)}`;
  if (stat.uid !== euid()) return `${where} is ${owner}, not by ${who(euid())}`;
  let writers = [(stat.mode & 16) !== 0 && "its group", (stat.mode & 2) !== 0 && "others"].filter(Boolean);
  if (writers.length > 0) return `${where} is writable by ${writers.join(" and ")} (${owner})`;
}
function checkDir(dir, stat, policy) {
  if (stat.isSymbolicLink() || !stat.isDirectory())
    throw new AuditError(`${dir} is not a directory (refusing to follow a symlink)`);
  if (policy !== "private") return;
  let why = foreignness(dir, stat);
  if (why) throw new AuditError(`${why}: refused, nothing is written into it; use a directory only you own and can write`);
  checkAncestors(dir);
}
function checkAncestors(dir) {
  let given = import_node_path4.default.resolve(dir);
  for (let start2 of /* @__PURE__ */ new Set([given, import_node_fs.default.realpathSync(given)]))
    for (let level = import_node_path4.default.dirname(start2); ; level = import_node_path4.default.dirname(level)) {
      let stat = import_node_fs.default.lstatSync(level), owner = `owned by ${who(stat.uid)}, mode ${modeText(stat.mode)}`;
      if (stat.uid !== 0 && stat.uid !== euid())
        throw new AuditError(`${level}, above ${dir}, is ${owner}: its owner could swap the log directory; refused, use a directory whose parents only you or root own`);
      if (!stat.isSymbolicLink() && (stat.mode & 18) !== 0 && (stat.mode & 512) === 0)
        throw new AuditError(`${level}, above ${dir}, is writable by others without the sticky bit (${owner}): anyone could swap the log directory; refused`);
      if (level === import_node_path4.default.dirname(level)) break;
    }
}
function checkOpenedFile(file, fd, private_ = !1, stat = import_node_fs.default.fstatSync(fd)) {
  if (!stat.isFile()) throw new AuditError(`${file} is ${kindOf(stat)}: refused, nothing is written to it; remove it to let a log start there`);
  let why = foreignness(file, stat);
  if (why) throw new AuditError(`${why}: refused, nothing is written to it; move it away to let a new log start there`);
  if (stat.nlink !== 1) throw new AuditError(`${file} has ${stat.nlink} names (hard links): refused, nothing is written to it; move it away`);
  if (private_ && (stat.mode & 63) !== 0) throw new AuditError(`${file} has mode ${modeText(stat.mode)}, not 0600: refused`);
}
function createMissing(dir) {
  let first = import_node_fs.default.mkdirSync(dir, { recursive: !0, mode: 448 });
  if (first !== void 0)
    for (let level = dir; ; level = import_node_path4.default.dirname(level)) {
      let fd = import_node_fs.default.openSync(level, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      try {
        import_node_fs.default.fstatSync(fd).uid === euid() && import_node_fs.default.fchmodSync(fd, 448);
      } finally {
        import_node_fs.default.closeSync(fd);
      }
      if (level === first || level === import_node_path4.default.dirname(level)) break;
    }
}
function ensureDir(dir, policy) {
  createMissing(dir), checkDir(dir, import_node_fs.default.lstatSync(dir), policy);
}
function ensurePrivateDir(dir) {
  ensureDir(dir, "private");
}
function checkPrivateDir(dir) {
  checkDir(dir, import_node_fs.default.lstatSync(dir), "private");
}
function explainOpenFailure(file, error) {
  if (error.code === "ENXIO" || error.code === "EISDIR" || error.code === "ENODEV" || error.code === "EWOULDBLOCK") {
    let stat = import_node_fs.default.lstatSync(file, { throwIfNoEntry: !1 });
    if (stat && !stat.isFile()) return new AuditError(`${file} is ${kindOf(stat)}: refused, nothing is written to it; remove it to let a log start there`);
  }
  return error;
}
function openAppend(file, policy = "private") {
  ensureDir(import_node_path4.default.dirname(file), policy);
  let fd, created = !1;
  for (; ; ) {
    try {
      fd = import_node_fs.default.openSync(file, CREATE_FLAGS | O_APPEND, 384), created = !0;
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    try {
      fd = import_node_fs.default.openSync(file, APPEND_FLAGS);
      break;
    } catch (error) {
      if (error.code !== "ENOENT") throw explainOpenFailure(file, error);
    }
  }
  try {
    created && import_node_fs.default.fchmodSync(fd, 384), checkOpenedFile(file, fd);
  } catch (error) {
    throw import_node_fs.default.closeSync(fd), error;
  }
  return fd;
}
function writePrivateFile(file, text2) {
  ensurePrivateDir(import_node_path4.default.dirname(file)), replaceFileWhole(file, text2);
}
function replaceFileWhole(file, text2) {
  let temporary = `${file}.${(0, import_node_crypto3.randomBytes)(8).toString("hex")}.tmp`, fd = import_node_fs.default.openSync(temporary, CREATE_FLAGS, 384);
  try {
    import_node_fs.default.fchmodSync(fd, 384), import_node_fs.default.writeFileSync(fd, text2), import_node_fs.default.closeSync(fd), import_node_fs.default.renameSync(temporary, file);
  } catch (error) {
    try {
      import_node_fs.default.closeSync(fd);
    } catch {
    }
    throw import_node_fs.default.rmSync(temporary, { force: !0 }), error;
  }
}
var REPLACED_TRIES = 3;
function readPrivateFile(file) {
  for (let tries = 1; ; tries++) {
    let fd = import_node_fs.default.openSync(file, READ_FLAGS);
    try {
      let stat = import_node_fs.default.fstatSync(fd);
      if (tries < REPLACED_TRIES && stat.nlink === 0) continue;
      return checkOpenedFile(file, fd, !0, stat), import_node_fs.default.readFileSync(fd, "utf8");
    } finally {
      import_node_fs.default.closeSync(fd);
    }
  }
}
function isOwnFile(file) {
  let stat = import_node_fs.default.lstatSync(file, { throwIfNoEntry: !1 });
  return stat !== void 0 && stat.isFile() && stat.uid === euid() && stat.nlink === 1;
}
function appendLines(file, text2) {
  let fd = openAppend(file);
  try {
    import_node_fs.default.writeSync(fd, text2);
  } finally {
    import_node_fs.default.closeSync(fd);
  }
}
function endsWithNewline(file) {
  let fd = import_node_fs.default.openSync(file, import_node_fs.default.constants.O_RDONLY | import_node_fs.default.constants.O_NOFOLLOW | import_node_fs.default.constants.O_NONBLOCK);
  try {
    let size2 = import_node_fs.default.fstatSync(fd).size;
    if (size2 === 0) return !0;
    let last = Buffer.alloc(1);
    return import_node_fs.default.readSync(fd, last, 0, 1, size2 - 1), last[0] === 10;
  } finally {
    import_node_fs.default.closeSync(fd);
  }
}

// src/runtime/runfile.ts
var import_node_fs8 = __nodeBuiltin(require("node:fs")), import_node_path10 = __nodeBuiltin(require("node:path"));

// src/core/fork-order.ts
function forkedBefore(a, b, pidMax) {
  if (a.start !== b.start) return a.start < b.start;
  if (a.pid === b.pid) return !1;
  let forward = ((b.pid - a.pid) % pidMax + pidMax) % pidMax, half = pidMax / 2;
  return forward === half ? a.pid < b.pid : forward < half;
}

// src/runtime/notes.ts
var import_node_fs2 = __nodeBuiltin(require("node:fs")), import_node_path5 = __nodeBuiltin(require("node:path")), import_node_crypto4 = require("node:crypto");
var NOTE_EVENTS = /* @__PURE__ */ new Map([
  ["rename", []],
  ["window-rename", []],
  ["attach", ["client"]],
  ["switch", ["client", "from"]],
  ["detach", ["client"]]
]), TRIGGER_FIELDS = { client: /^[A-Za-z0-9/_.:-]{1,128}$/, from: /^\$\d{1,10}$/ }, MAX_NOTE_BYTES = 64 * 1024;
function inboxFilePath(runFile) {
  return runFile.replace(/\.json$/, ".inbox");
}
function noteStem(runFile) {
  return `${import_node_path5.default.basename(runFile).replace(/\.json$/, "")}.note.`;
}
function openInbox(runFile, recordingId) {
  writePrivateFile(inboxFilePath(runFile), `${JSON.stringify({ rec: recordingId, pid: process.pid })}
`);
}
function takesNotes(runFile, recordingId, pid) {
  try {
    let inbox = JSON.parse(readPrivateFile(inboxFilePath(runFile)));
    return inbox.rec === recordingId && inbox.pid === pid;
  } catch {
    return !1;
  }
}
var sent = 0;
function sendNote(runFile, recordingId, pid, note) {
  if (!takesNotes(runFile, recordingId, pid)) return !1;
  let stamp = `${String(Date.now()).padStart(15, "0")}-${process.pid}-${String(++sent).padStart(6, "0")}`, file = import_node_path5.default.join(import_node_path5.default.dirname(runFile), `${noteStem(runFile)}${stamp}-${(0, import_node_crypto4.randomBytes)(4).toString("hex")}`);
  writePrivateFile(file, `${JSON.stringify({ rec: recordingId, name: note.name, fields: note.fields })}
`);
  try {
    return process.kill(pid, "SIGUSR2"), !0;
  } catch {
    return import_node_fs2.default.rmSync(file, { force: !0 }), !1;
  }
}
function fieldsOf(name, value) {
  let allowed = NOTE_EVENTS.get(name);
  if (!allowed || typeof value != "object" || value === null || Array.isArray(value)) return;
  let fields = {};
  for (let [key2, field] of Object.entries(value))
    if (field != null) {
      if (!allowed.includes(key2) || typeof field != "string" || !TRIGGER_FIELDS[key2].test(field)) return;
      fields[key2] = field;
    }
  return fields;
}
function takeNotes(runFile, recordingId, refused = () => {
}) {
  let dir = import_node_path5.default.dirname(runFile), stem = noteStem(runFile), names;
  try {
    names = import_node_fs2.default.readdirSync(dir).filter((name) => name.startsWith(stem) && /^\d{15}-\d+-\d{6}-[0-9a-f]{8}$/.test(name.slice(stem.length)));
  } catch {
    return [];
  }
  let notes = [];
  for (let name of names.sort()) {
    let file = import_node_path5.default.join(dir, name), text2;
    try {
      let stat = import_node_fs2.default.lstatSync(file);
      if (stat.isFile() && stat.size > MAX_NOTE_BYTES) throw new Error(`larger than ${MAX_NOTE_BYTES} bytes`);
      text2 = readPrivateFile(file);
    } catch (error) {
      if (error.code === "ENOENT") continue;
      refused({ file, why: error.message }), isOwnFile(file) && import_node_fs2.default.rmSync(file, { force: !0 });
      continue;
    }
    import_node_fs2.default.rmSync(file, { force: !0 });
    let note;
    try {
      note = JSON.parse(text2);
    } catch {
      refused({ file, why: "not a note" });
      continue;
    }
    if (note.rec !== recordingId) continue;
    let fields = typeof note.name == "string" ? fieldsOf(note.name, note.fields) : void 0;
    if (typeof note.name != "string" || !fields) {
      refused({ file, why: `not a note the reader takes (${JSON.stringify(note.name)})` });
      continue;
    }
    notes.push({ name: note.name, fields });
  }
  return notes;
}
function removeNoteFiles(runFile) {
  let dir = import_node_path5.default.dirname(runFile), stem = noteStem(runFile), names = [];
  try {
    names = import_node_fs2.default.readdirSync(dir).filter((name) => name.startsWith(stem));
  } catch {
  }
  for (let file of [inboxFilePath(runFile), ...names.map((name) => import_node_path5.default.join(dir, name))])
    isOwnFile(file) && import_node_fs2.default.rmSync(file, { force: !0 });
}

// src/runtime/process.ts
function processAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return !1;
  try {
    return process.kill(pid, 0), !0;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// src/chain/external-stop.ts
var import_node_fs7 = __nodeBuiltin(require("node:fs"));

// src/chain/seal.ts
var import_node_crypto6 = require("node:crypto");

// src/chain/seal-tag.ts
var import_node_crypto5 = require("node:crypto"), import_node_path6 = require("node:path");
function sealTag(line3, key2, logName) {
  return (0, import_node_crypto5.createHmac)("sha256", key2).update("tmux-audit seal\0").update(logName).update("\0").update(line3).digest("hex").slice(0, SEAL_HEX);
}
function sealLogName(path36) {
  return (0, import_node_path6.basename)(path36).replace(/\.gz$/, "").replace(/\.\d{8}T\d{6}\.\d{3}Z(?:-\d+)?$/, "");
}
function withoutTag(text2, e) {
  for (let field of [` e=${e}
`, `,"e":"${e}"}}
`])
    if (text2.endsWith(field)) return `${text2.slice(0, text2.length - field.length)}${field.endsWith(`}}
`) ? `}}
` : `
`}`;
}

// src/chain/seal.ts
var GENESIS = "0", SEAL_EVERY = 1e3, SEAL_MS = 6e4, SEAL_HEX = 32, LINK_HEX = 16, SegmentHash = class {
  hash;
  constructor(p, key2) {
    this.hash = key2 ? (0, import_node_crypto6.createHmac)("sha256", key2) : (0, import_node_crypto6.createHash)("sha256"), this.hash.update(`${p}
`);
  }
  /** Lines as written: a string is hashed as its UTF-8 bytes, the same as those bytes given. */
  add(line3) {
    this.hash.update(line3);
  }
  digest() {
    return this.hash.digest("hex").slice(0, SEAL_HEX);
  }
}, CHAIN_VERSION = 3, STAMPED_SEALS_VERSION = 3, TAGGED_SEALS_VERSION = 3, KEYED_CHAIN = "hmac", SealChain = class {
  /** `logName`: the live file's base name (chain/seal-tag.ts: sealLogName), bound into each seal's `e=` under a key. */
  constructor(key2, logName = "") {
    this.key = key2;
    this.logName = logName;
    this.segment = new SegmentHash(GENESIS, key2);
  }
  key;
  logName;
  prev = GENESIS;
  segment;
  lines = 0;
  /** Text as written (whole lines, ending in `\n`), in order: one call may take many lines. */
  update(text2) {
    this.segment.add(text2);
  }
  /** `lines` more lines in the segment (their text goes to `update`, now or later, before the seal). */
  count(lines) {
    this.lines += lines;
  }
  /** Lines not yet sealed. */
  get pending() {
    return this.lines;
  }
  /** Whether the segment is full. */
  due() {
    return this.lines >= SEAL_EVERY;
  }
  /** The recording's start's time (epoch ms), said on each seal (`s=`) once known. */
  startedAt;
  /** The `e=` of the seal whose line without it is `line` (chain/seal-tag.ts); undefined without a key. */
  tag(line3) {
    return this.key ? sealTag(line3, this.key, this.logName) : void 0;
  }
  /** Closes the segment; its fields go on a `seal` event. */
  seal(end = !1) {
    let h = this.segment.digest(), fields = { n: this.lines, p: this.prev, h, ...this.startedAt === void 0 ? {} : { s: this.startedAt }, v: CHAIN_VERSION, ...this.key ? { chain: "hmac" } : {} };
    return end && (fields.end = end === "stop" ? "stop" : 1), this.prev = h.slice(0, LINK_HEX), this.segment = new SegmentHash(this.prev, this.key), this.lines = 0, fields;
  }
  /**
   * Drops the open segment: its lines are no longer where the chain says
   * (the file was removed and they are written again after a `lost` event).
   * The next seal links to the last one and covers only what follows.
   */
  restart() {
    this.segment = new SegmentHash(this.prev, this.key), this.lines = 0;
  }
};

// src/chain/seal-file-gone.ts
var import_node_fs6 = __nodeBuiltin(require("node:fs"));

// src/sinks/file/rotated-ledger.ts
var import_node_crypto8 = require("node:crypto"), import_node_fs4 = __nodeBuiltin(require("node:fs")), import_node_path9 = __nodeBuiltin(require("node:path"));

// src/sinks/file/ledger-names.ts
var import_node_crypto7 = require("node:crypto"), import_node_path7 = __nodeBuiltin(require("node:path"));
function nameTag(logFile, what, name, key2, size2) {
  return (0, import_node_crypto7.createHmac)("sha256", key2).update(`tmux-audit ${what}\0${import_node_path7.default.resolve(logFile)}\0${name}${size2 === void 0 ? "" : `\0${size2}`}`).digest("base64url");
}
function nameEntry(logFile, what, name, key2, size2) {
  let sized = size2 === void 0 ? name : `${name} size=${size2}`;
  return key2 ? `${what} ${sized} ${nameTag(logFile, what, name, key2, size2)}` : `${what} ${sized}`;
}
function digestTag(logFile, name, size2, sha, key2) {
  return (0, import_node_crypto7.createHmac)("sha256", key2).update(`tmux-audit rotated digest\0${import_node_path7.default.resolve(logFile)}\0${name}\0${size2}\0${sha}`).digest("base64url");
}
function digestEntry(logFile, name, digest, key2) {
  let line3 = `rotated sha256=${digest.sha} ${name} size=${digest.size}`;
  return key2 ? `${line3} ${digestTag(logFile, name, digest.size, digest.sha, key2)}` : line3;
}
function rotatedPart(live, rotatedName2) {
  return rotatedName2.slice(live.length + 1).replace(/\.gz$/, "");
}
function before(a, b) {
  let [at, an = "0"] = a.split("-"), [bt, bn = "0"] = b.split("-");
  return at < bt || at === bt && Number(an) < Number(bn);
}
function holds(logFile, what, name, tag2, key2, size2) {
  return tag2 !== void 0 && sameTag(tag2, nameTag(logFile, what, name, key2, size2));
}
function sameTag(tag2, wanted) {
  let want = Buffer.from(wanted), got = Buffer.from(tag2);
  return got.length === want.length && (0, import_node_crypto7.timingSafeEqual)(got, want);
}
var NAME = /^\d{8}T\d{6}\.\d{3}Z(?:-\d+)?$/, SIZE = /^size=(\d{1,15})$/;
function nameLine(line3) {
  if (!line3.startsWith("rotated ") && !line3.startsWith("pruned ")) return;
  let words2 = line3.split(" "), sized = words2[0] === "rotated" ? SIZE.exec(words2[2] ?? "") : null;
  sized && words2.splice(2, 1);
  let [what, name, tag2, more] = words2;
  return NAME.test(name) && more === void 0 ? { what, name, tag: tag2, size: sized ? Number(sized[1]) : void 0 } : void 0;
}
var DIGEST_START = "rotated sha256=", DIGEST = /^rotated sha256=([0-9a-f]{64}) (\S+) size=(\d{1,15})(?: ([A-Za-z0-9_-]{43}))?$/;
function digestLine(line3) {
  let whole = DIGEST.exec(line3);
  return whole && NAME.test(whole[2]) ? { name: whole[2], size: Number(whole[3]), sha: whole[1], tag: whole[4] } : void 0;
}
function rotatedSizes(lines, logFile, names, key2) {
  let last = /* @__PURE__ */ new Map();
  for (let line3 of lines) {
    let entry = nameLine(line3);
    entry?.what === "rotated" && names.has(entry.name) && last.set(entry.name, entry);
  }
  let sizes = /* @__PURE__ */ new Map();
  for (let [name, { size: size2, tag: tag2 }] of last) size2 !== void 0 && (key2 === void 0 || holds(logFile, "rotated", name, tag2, key2, size2)) && sizes.set(name, size2);
  return sizes;
}
function rotatedDigests(lines, logFile, names, key2) {
  let last = /* @__PURE__ */ new Map(), sized = /* @__PURE__ */ new Map();
  for (let line3 of lines) {
    if (line3.startsWith(DIGEST_START)) {
      let entry2 = digestLine(line3);
      if (entry2 === void 0 || !names.has(entry2.name) || key2 !== void 0 && !digestHolds(logFile, entry2.name, entry2.size, entry2.sha, entry2.tag, key2)) continue;
      sized.get(entry2.name) === entry2.size && last.set(entry2.name, { size: entry2.size, sha: entry2.sha });
      continue;
    }
    let entry = nameLine(line3);
    entry === void 0 || !names.has(entry.name) || key2 !== void 0 && !holds(logFile, entry.what, entry.name, entry.tag, key2, entry.size) || (entry.what === "pruned" ? (last.delete(entry.name), sized.delete(entry.name)) : (last.get(entry.name)?.size !== entry.size && last.delete(entry.name), sized.set(entry.name, entry.size)));
  }
  return last;
}
function digestHolds(logFile, name, size2, sha, tag2, key2) {
  return tag2 !== void 0 && sameTag(tag2, digestTag(logFile, name, size2, sha, key2));
}
function rotatedNotPruned(lines, logFile, present, key2, rotation = () => !0) {
  let claims = /* @__PURE__ */ new Map(), rotations = [], unknownAt = -1, unknownName, unknown = (name) => {
    (unknownName === void 0 || before(unknownName, name)) && (unknownName = name);
  }, entries = lines.map(nameLine);
  lines.forEach((line3, at) => {
    let entry = entries[at];
    if (!(entry === void 0 && /^(?:rotated|pruned) /.test(line3)))
      if (entry?.what === "rotated")
        claims.set(entry.name, { at, tag: entry.tag, size: entry.size, answers: [] }), rotations.push({ at, name: entry.name, tag: entry.tag, size: entry.size });
      else if (entry?.what === "pruned") {
        let claim2 = claims.get(entry.name);
        claim2 === void 0 ? unknown(entry.name) : claim2.answers.push({ at, tag: entry.tag });
      } else entries[at + 1]?.what !== "rotated" && (unknownAt = at);
  });
  for (let name of present) !claims.has(name) && rotation(name) && unknown(name);
  let heldByTag = /* @__PURE__ */ new Map(), rotatedHolds = (r) => (heldByTag.has(r.at) || heldByTag.set(r.at, holds(logFile, "rotated", r.name, r.tag, key2, r.size)), heldByTag.get(r.at)), ownRotation = (at) => rotations.find((r) => r.at > at)?.at ?? at, answered = (name, claim2) => claim2.answers.length > 0 && (key2 === void 0 || claim2.answers.some((answer) => holds(logFile, "pruned", name, answer.tag, key2)) || !rotatedHolds({ ...claim2, name }) || rotations.some((r) => r.at > claim2.at && r.at <= ownRotation(claim2.answers.at(-1).at) && !rotatedHolds(r))), gone = [];
  for (let [name, claim2] of claims)
    present.has(name) || claim2.at < unknownAt || unknownName !== void 0 && !before(unknownName, name) || answered(name, claim2) || gone.push(name);
  return gone;
}

// src/sinks/file/noted-files.ts
var import_node_fs3 = __nodeBuiltin(require("node:fs")), import_node_path8 = __nodeBuiltin(require("node:path"));
var { O_RDONLY: O_RDONLY2, O_NOFOLLOW: O_NOFOLLOW2, O_NONBLOCK: O_NONBLOCK2 } = import_node_fs3.default.constants, NOTE_HEAD = /^(?:[0-9a-f]+ )?(\d+:\d+:\d+)(?: \d+)?\n/, HEAD_BYTES = 256, MAX_NOTES = 2048;
function heldNotePath(runFile) {
  return runFile.replace(/\.json$/, ".held");
}
function noteHeldFile(runFile, identity2) {
  writePrivateFile(heldNotePath(runFile), `${identity2}
`);
}
function notedFiles(logFile) {
  let run = import_node_path8.default.join(import_node_path8.default.dirname(logFile), ".run"), noted = /* @__PURE__ */ new Set(), names;
  try {
    names = import_node_fs3.default.readdirSync(run).filter((name) => name.endsWith(".seal") || name.endsWith(".held"));
  } catch {
    return noted;
  }
  for (let name of names.slice(0, MAX_NOTES)) {
    let head = readHead(import_node_path8.default.join(run, name)), id = head === void 0 ? void 0 : NOTE_HEAD.exec(head)?.[1];
    id !== void 0 && noted.add(id);
  }
  return noted;
}
function readHead(file) {
  let fd;
  try {
    fd = import_node_fs3.default.openSync(file, O_RDONLY2 | O_NOFOLLOW2 | O_NONBLOCK2);
  } catch {
    return;
  }
  try {
    let stat = import_node_fs3.default.fstatSync(fd);
    if (!stat.isFile() || stat.uid !== (process.geteuid?.() ?? 0)) return;
    let bytes = Buffer.alloc(HEAD_BYTES);
    return bytes.toString("utf8", 0, import_node_fs3.default.readSync(fd, bytes, 0, HEAD_BYTES, 0));
  } catch {
    return;
  } finally {
    import_node_fs3.default.closeSync(fd);
  }
}

// src/sinks/file/rotated-ledger.ts
var { O_RDWR, O_APPEND: O_APPEND2, O_CREAT: O_CREAT2, O_NOFOLLOW: O_NOFOLLOW3, O_NONBLOCK: O_NONBLOCK3, O_RDONLY: O_RDONLY3 } = import_node_fs4.default.constants, LEDGER_BYTES = 256 * 1024;
function rotatedLedgerPath(logFile) {
  return import_node_path9.default.join(import_node_path9.default.dirname(logFile), `.${import_node_path9.default.basename(logFile)}.rotated`);
}
function fileIdentity(stat) {
  return `${stat.dev}:${stat.ino}:${Math.round(stat.birthtimeMs)}`;
}
function readText(ledger, tail = Number.POSITIVE_INFINITY) {
  let fd;
  try {
    fd = import_node_fs4.default.openSync(ledger, O_RDONLY3 | O_NOFOLLOW3 | O_NONBLOCK3);
  } catch {
    return { text: "", whole: !0 };
  }
  try {
    let stat = import_node_fs4.default.fstatSync(fd);
    if (!stat.isFile() || stat.uid !== (process.geteuid?.() ?? 0)) return { text: "", whole: !0 };
    if (stat.size <= tail) return { text: import_node_fs4.default.readFileSync(fd, "utf8"), whole: !0 };
    let bytes = Buffer.alloc(tail), read2 = import_node_fs4.default.readSync(fd, bytes, 0, tail, stat.size - tail), from = bytes.indexOf(10) + 1;
    return { text: bytes.toString("utf8", from, read2), whole: !1 };
  } finally {
    import_node_fs4.default.closeSync(fd);
  }
}
var TAIL_BYTES = 8 * 1024;
function ledgerLines(logFile) {
  return read(rotatedLedgerPath(logFile));
}
function read(ledger) {
  return readText(ledger).text.split(`
`).filter((line3) => line3.length > 0);
}
function tag(logFile, id, key2) {
  return (0, import_node_crypto8.createHmac)("sha256", key2).update(`tmux-audit rotated\0${import_node_path9.default.resolve(logFile)}\0${id}`).digest("base64url");
}
function ledgerEntry(logFile, stat, key2) {
  let id = fileIdentity(stat);
  return key2 ? `${id} ${tag(logFile, id, key2)}` : id;
}
function entryHolds(logFile, line3, id, key2) {
  let [entryId, entryTag] = line3.split(" ");
  if (entryId !== id) return !1;
  if (!key2) return !0;
  if (entryTag === void 0) return !1;
  let want = Buffer.from(tag(logFile, id, key2)), got = Buffer.from(entryTag);
  return got.length === want.length && (0, import_node_crypto8.timingSafeEqual)(got, want);
}
function noteRotated(logFile, stat, key2, rotated, pruned = []) {
  let entry = (what) => (name) => nameEntry(logFile, what, name, key2), others = pruned.filter((name) => name !== rotated), named = rotated === void 0 ? [] : [nameEntry(logFile, "rotated", rotated, key2, stat.size)];
  return append(logFile, [...others.map(entry("pruned")), ledgerEntry(logFile, stat, key2), ...named, ...pruned.filter((name) => name === rotated).map(entry("pruned"))]);
}
function noteDigest(logFile, rotated, digest, key2) {
  return append(logFile, [digestEntry(logFile, rotated, digest, key2)]);
}
function append(logFile, lines) {
  let ledger = rotatedLedgerPath(logFile), fd = import_node_fs4.default.openSync(ledger, O_RDWR | O_APPEND2 | O_CREAT2 | O_NOFOLLOW3 | O_NONBLOCK3, 384), size2;
  try {
    let own = import_node_fs4.default.fstatSync(fd);
    if (!own.isFile() || own.uid !== (process.geteuid?.() ?? 0) || own.nlink !== 1) return !1;
    let last = Buffer.alloc(1), cut2 = own.size > 0 && import_node_fs4.default.readSync(fd, last, 0, 1, own.size - 1) === 1 && last[0] !== 10, bytes = Buffer.from(`${cut2 ? `
` : ""}${lines.join(`
`)}
`);
    for (let offset = 0; offset < bytes.length; ) {
      let wrote = import_node_fs4.default.writeSync(fd, bytes, offset);
      if (wrote === 0) throw new Error("the ledger takes no more bytes");
      offset += wrote;
    }
    size2 = own.size;
  } finally {
    import_node_fs4.default.closeSync(fd);
  }
  if (size2 > LEDGER_BYTES) {
    let entries = read(ledger), bytes = entries.reduce((sum, entry) => sum + entry.length + 1, 0);
    rewrite(ledger, trimmed(entries, Math.floor(entries.length * LEDGER_BYTES / 2 / Math.max(bytes, 1)), notedFiles(logFile)));
  }
  return !0;
}
function trimmed(entries, newest, noted) {
  let from = Math.max(0, entries.length - newest);
  return entries.filter((entry, at) => at >= from || noted.has(entry.split(" ", 1)[0]));
}
function rewrite(ledger, entries) {
  replaceFileWhole(ledger, `${entries.join(`
`)}
`);
}
function wasRotated(logFile, stat, key2) {
  return wasRotatedId(logFile, fileIdentity(stat), key2);
}
function wasRotatedId(logFile, id, key2) {
  let ledger = rotatedLedgerPath(logFile), tail = readText(ledger, TAIL_BYTES);
  return holds2(logFile, tail.text, id, key2) || !tail.whole && holds2(logFile, readText(ledger).text, id, key2);
}
function holds2(logFile, text2, id, key2) {
  for (let at = text2.indexOf(id); at !== -1; at = text2.indexOf(id, at + 1)) {
    if (at > 0 && text2[at - 1] !== `
`) continue;
    let end = text2.indexOf(`
`, at);
    if (entryHolds(logFile, text2.slice(at, end === -1 ? text2.length : end), id, key2)) return !0;
  }
  return !1;
}

// src/sinks/file/seal-offset.ts
var import_node_fs5 = __nodeBuiltin(require("node:fs")), CHUNK = 64 * 1024, SEARCH_MAX = 4 * 1024 * 1024;
function lastOffsetOf(fd, size2, line3) {
  let needle = Buffer.from(line3);
  if (needle.length === 0 || needle.length > CHUNK) return;
  let end = size2;
  for (; end > 0 && size2 - end < SEARCH_MAX; ) {
    let start2 = Math.max(0, end - CHUNK), buf = Buffer.alloc(end - start2), got = 0;
    for (; got < buf.length; ) {
      let n = import_node_fs5.default.readSync(fd, buf, got, buf.length - got, start2 + got);
      if (n === 0) break;
      got += n;
    }
    let at = buf.subarray(0, got).lastIndexOf(needle);
    if (at !== -1) return start2 + at;
    if (start2 === 0) break;
    end = start2 + needle.length - 1;
  }
}
function holdsAt(fd, offset, line3) {
  let needle = Buffer.from(line3), buf = Buffer.alloc(needle.length), got = 0;
  for (; got < buf.length; ) {
    let n = import_node_fs5.default.readSync(fd, buf, got, buf.length - got, offset + got);
    if (n === 0) break;
    got += n;
  }
  return got === needle.length && buf.equals(needle);
}

// src/chain/seal-file-gone.ts
var IDENTITY = /^\d+:\d+:\d+$/;
function formatSealNote(note) {
  let offset = note.offset !== void 0 && Number.isSafeInteger(note.offset) && note.offset >= 0 && note.line !== void 0 ? ` ${note.offset}` : "", head = note.file !== void 0 && IDENTITY.test(note.file) ? `${note.link} ${note.file}${offset}
` : `${note.link}
`;
  return note.line !== void 0 && /^[^\n]+\n$/.test(note.line) ? `${head}${note.line}` : head;
}
function parseSealNote(text2) {
  let end = text2.indexOf(`
`), [link, file, offset, ...rest] = (end === -1 ? text2 : text2.slice(0, end)).trim().split(" ");
  if (link === void 0 || !/^[0-9a-f]+$/.test(link) || rest.length > 0 || offset !== void 0 && !/^\d{1,15}$/.test(offset)) return;
  let line3 = end === -1 ? "" : text2.slice(end + 1), known2 = file !== void 0 && IDENTITY.test(file), whole = /^[^\n]+\n$/.test(line3);
  return { link, ...known2 ? { file } : {}, ...known2 && whole && offset !== void 0 ? { offset: Number(offset) } : {}, ...whole ? { line: line3 } : {} };
}
function sealFileFate(logFile, note, key2) {
  if (note.file === void 0) return;
  let fd;
  try {
    fd = import_node_fs6.default.openSync(logFile, import_node_fs6.default.constants.O_RDONLY | import_node_fs6.default.constants.O_NOFOLLOW | import_node_fs6.default.constants.O_NONBLOCK);
    let now = import_node_fs6.default.fstatSync(fd);
    if (fileIdentity(now) === note.file) return note.offset === void 0 || note.line === void 0 || !now.isFile() || holdsAt(fd, note.offset, note.line) ? void 0 : "cut";
  } catch (error) {
    if (error.code !== "ENOENT" && error.code !== "ELOOP") return;
  } finally {
    fd !== void 0 && import_node_fs6.default.closeSync(fd);
  }
  try {
    return wasRotatedId(logFile, note.file, key2) ? void 0 : (awaitRotation(logFile), wasRotatedId(logFile, note.file, key2) ? void 0 : "gone");
  } catch {
    return;
  }
}
var ROTATION_WAIT_MS = 2e3, STALE_LOCK_MS = 1e4;
function awaitRotation(logFile) {
  let lock = rotationLockPath(logFile), until = Date.now() + ROTATION_WAIT_MS, nap = new Int32Array(new SharedArrayBuffer(4));
  for (; ; ) {
    let held2 = import_node_fs6.default.lstatSync(lock, { throwIfNoEntry: !1 });
    if (held2 === void 0 || Date.now() - held2.mtimeMs > STALE_LOCK_MS || Date.now() >= until) return;
    Atomics.wait(nap, 0, 0, 5);
  }
}
function awayStopDetail(v, what, sealRead) {
  if (!(v.fields?.away === void 0 || sealRead))
    return v.fields.away === "cut" ? { kind: "truncated", detail: `the stop (reason=${what}) says the file holding the seal it names (${v.fields.p}) no longer held it where it was written (cut or rewritten in place; its reader was killed before it could say so), and that seal is in no file read: lines of the log removed` } : { kind: "missing file", detail: `the stop (reason=${what}) says the file holding the seal it names (${v.fields.p}) was removed or moved away, not rotated (its reader was killed before it could say so), and that seal is in no file read: a file of the log removed` };
}

// src/chain/external-stop.ts
var TAIL_SLACK_MS = 6e4;
function sealFilePath(runFile) {
  return runFile.replace(/\.json$/, ".seal");
}
function noteSealLink(runFile, link, file, line3, offset) {
  writePrivateFile(sealFilePath(runFile), formatSealNote({ link, ...file === void 0 ? {} : { file }, ...offset === void 0 ? {} : { offset }, ...line3 === void 0 ? {} : { line: line3 } }));
}
function readSealNote(runFile) {
  try {
    let note = parseSealNote(readPrivateFile(sealFilePath(runFile)));
    return note ? { ...note, link: note.link.slice(0, LINK_HEX) } : { link: GENESIS };
  } catch {
    return { link: GENESIS };
  }
}
function readChainKey(file) {
  if (file)
    try {
      let key2 = import_node_fs7.default.readFileSync(file);
      return key2.length > 0 ? key2 : void 0;
    } catch {
      return;
    }
}
function externalStopHash(p, rec, reason, key2, away) {
  let hash = new SegmentHash(p, key2);
  return hash.add(`stop rec=${rec} reason=${reason}${away === void 0 ? "" : ` away=${away}`}
`), hash.digest();
}
function externalStopFields(runFile, rec, reason, keyFile, logFile) {
  let note = readSealNote(runFile), key2 = readChainKey(keyFile), p = note.link, fate = p === GENESIS ? void 0 : sealFileFate(logFile, note, key2), away = fate === "gone" ? "1" : fate === "cut" ? "cut" : void 0;
  return away === void 0 ? { p, h: externalStopHash(p, rec, reason, key2) } : { p, away, h: externalStopHash(p, rec, reason, key2, away) };
}

// src/runtime/runfile.ts
function writePrivate(file, text2) {
  writePrivateFile(file, text2);
}
function writeRecording(runFile, recording) {
  import_node_fs8.default.rmSync(pidFilePath(runFile), { force: !0 });
  for (let file of stopFiles(runFile)) import_node_fs8.default.rmSync(file, { force: !0 });
  writePrivate(runFile, `${JSON.stringify(recording)}
`);
}
function readRecording(runFile) {
  let absolute2 = import_node_path10.default.resolve(runFile), runDir = import_node_path10.default.dirname(absolute2), dir = import_node_path10.default.dirname(runDir);
  if (import_node_path10.default.basename(runDir) !== ".run") throw new AuditError(`${runFile} is not a run file (<log directory>/.run/<name>.json): refused`);
  checkPrivateDir(dir), checkPrivateDir(runDir);
  let recording = JSON.parse(
    readPrivateFile(absolute2),
    (key2, value) => (key2 === "maxFiles" || key2 === "maxAgeMs") && value === null ? Number.POSITIVE_INFINITY : value
  ), file = recording.file;
  if (typeof file != "string" || import_node_path10.default.dirname(file) !== dir || !/^[^./][^/]*$/.test(import_node_path10.default.basename(file)))
    throw new AuditError(`${runFile} names the log ${JSON.stringify(file)}, which is not directly inside ${dir}: refused`);
  return recording;
}
function writeReaderPid(runFile) {
  writePrivate(pidFilePath(runFile), `${process.pid}
`);
}
function readsRunFile(cmdline, runFile) {
  if (cmdline.includes(runFile)) return !0;
  let args = cmdline.split("\0"), pane = /-(\d+)$/.exec(runFilePane(runFile) ?? "")?.[1], at = args.indexOf("--pane");
  return pane !== void 0 && args.includes("pipe-auto") && at >= 0 && args[at + 1] === `%${pane}`;
}
function livingReader(runFile) {
  let pid;
  try {
    pid = Number(readPrivateFile(pidFilePath(runFile)));
  } catch {
    return;
  }
  if (processAlive(pid))
    try {
      return readsRunFile(import_node_fs8.default.readFileSync(`/proc/${pid}/cmdline`, "utf8"), runFile) ? pid : void 0;
    } catch {
      return pid;
    }
}
function readersByAge(runFile, socket, paneId) {
  let own = forkedAt(process.ppid), older = [], newer = [], pidMax = readPidMax();
  for (let pid of paneReaders(runFilePane(runFile), socket, paneId)) {
    let parent = processParent(pid), theirs = parent === void 0 ? void 0 : forkedAt(parent);
    (own === void 0 || theirs === void 0 || forkedBefore(theirs, own, pidMax) ? older : newer).push(pid);
  }
  return { older, newer };
}
function paneReaders(pane, socket, paneId) {
  let pids;
  try {
    pids = import_node_fs8.default.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  let found = [];
  for (let name of pids) {
    let pid = Number(name);
    if (pid === process.pid || !ourNode(pid)) continue;
    let args;
    try {
      args = import_node_fs8.default.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    let at = args.indexOf("pipe"), auto = args.indexOf("pipe-auto");
    (at >= 0 && args[at + 1] !== void 0 && pane !== void 0 && runFilePane(args[at + 1]) === pane || auto >= 0 && argAfter(args, "--socket") === socket && argAfter(args, "--pane") === paneId) && found.push(pid);
  }
  return found;
}
function shellsRunning(mark) {
  let pids;
  try {
    pids = import_node_fs8.default.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.map(Number).filter((pid) => {
    if (pid === process.pid || !ours(pid)) return !1;
    try {
      let args = import_node_fs8.default.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return args[1] === "-c" && args[2].includes(mark);
    } catch {
      return !1;
    }
  });
}
function ourNode(pid) {
  try {
    return ours(pid) && import_node_fs8.default.readlinkSync(`/proc/${pid}/exe`) === process.execPath;
  } catch {
    return !1;
  }
}
function ours(pid) {
  try {
    let uid = process.getuid?.();
    if (import_node_fs8.default.statSync(`/proc/${pid}`).uid !== uid) return !1;
    let real = /^Uid:\s+(\d+)/m.exec(import_node_fs8.default.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return Number(real) === uid;
  } catch {
    return !1;
  }
}
function forkedAt(pid) {
  let fields = statFields(pid);
  return fields ? { start: Number(fields[19]), pid } : void 0;
}
function readPidMax() {
  try {
    let max = Number(import_node_fs8.default.readFileSync("/proc/sys/kernel/pid_max", "utf8"));
    return Number.isInteger(max) && max > 0 ? max : 32768;
  } catch {
    return 32768;
  }
}
function processParent(pid) {
  let fields = statFields(pid);
  return fields ? Number(fields[1]) : void 0;
}
function statFields(pid) {
  try {
    let stat = import_node_fs8.default.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return;
  }
}
function argAfter(args, flag2) {
  let at = args.indexOf(flag2);
  return at >= 0 ? args[at + 1] : void 0;
}
function waitForReaders(pids, limitMs = 2e3) {
  if (pids.length === 0) return;
  let deadline = Date.now() + limitMs, sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (; pids.some(processAlive) && Date.now() < deadline; ) Atomics.wait(sleeper, 0, 0, 5);
}
function requestStop(runFile, request) {
  writePrivate(stopFilePath(runFile), `${JSON.stringify(request)}
`);
}
function withdrawStopRequest(runFile) {
  import_node_fs8.default.rmSync(stopFilePath(runFile), { force: !0 });
}
function takeStopRequest(runFile, recording) {
  let request;
  try {
    request = JSON.parse(readPrivateFile(stopFilePath(runFile)));
  } catch {
    return;
  }
  return import_node_fs8.default.rmSync(stopFilePath(runFile), { force: !0 }), request.reason === "pane-exited" ? { reason: request.reason, ...typeof request.status == "string" ? { status: request.status } : {} } : recording.stops === void 0 && typeof request.by == "string" && request.reason === void 0 ? { by: request.by } : void 0;
}
function requestToggleStop(runFile, nonce, request) {
  writePrivate(toggleStopPath(runFile, nonce), `${JSON.stringify(request)}
`);
}
function confirmToggleStop(runFile, nonce) {
  try {
    import_node_fs8.default.renameSync(toggleStopPath(runFile, nonce), toggleStopPath(runFile, nonce, !0));
  } catch {
  }
}
function withdrawToggleStop(runFile, nonce) {
  import_node_fs8.default.rmSync(toggleStopPath(runFile, nonce), { force: !0 });
}
function toggleStops(runFile) {
  let stops = [];
  for (let listed2 of toggleStopNonces(runFile, runDirNames(runFile)))
    for (let confirmed of listed2.confirmed ? [!0] : [!1, !0]) {
      let request = readToggleStop(toggleStopPath(runFile, listed2.nonce, confirmed));
      if (request !== "absent") {
        request && stops.push({ ...request, nonce: listed2.nonce, confirmed });
        break;
      }
    }
  return stops;
}
function readToggleStop(file) {
  let request;
  try {
    request = JSON.parse(readPrivateFile(file));
  } catch (error) {
    return error.code === "ENOENT" ? "absent" : void 0;
  }
  return typeof request.by == "string" && Number.isInteger(request.pid) ? { by: request.by, pid: request.pid } : void 0;
}
function runDirNames(runFile) {
  try {
    return import_node_fs8.default.readdirSync(import_node_path10.default.dirname(runFile));
  } catch {
    return [];
  }
}
function toggleStopNoncesOf(runFile) {
  return toggleStopNonces(runFile, runDirNames(runFile)).map(({ nonce }) => nonce);
}
function stopFiles(runFile) {
  let toggles = toggleStopNonces(runFile, runDirNames(runFile)).map(({ nonce, confirmed }) => toggleStopPath(runFile, nonce, confirmed));
  return [stopFilePath(runFile), ...toggles];
}
function removeRunFiles(runFile, recordingId) {
  if (!import_node_path10.default.basename(runFile).endsWith(`-${recordingId}.json`))
    try {
      if (readRecording(runFile).id !== recordingId) return;
    } catch {
      return;
    }
  for (let file of [runFile, pidFilePath(runFile), ...stopFiles(runFile), sealFilePath(runFile), heldNotePath(runFile)]) import_node_fs8.default.rmSync(file, { force: !0 });
  removeNoteFiles(runFile);
}

// src/core/shadows.ts
var PANE_ONLY_OPTIONS = [
  PANE_OPTIONS.recording,
  PANE_OPTIONS.runFile,
  PANE_OPTIONS.beat,
  PANE_OPTIONS.offBy,
  PANE_OPTIONS.pipedBy,
  PANE_OPTIONS.readerPid,
  PANE_OPTIONS.readerSize,
  PANE_OPTIONS.rearmed
];
function shadowUnsets(target, scope = "all") {
  let scopes = [["-su"]];
  scope === "all" && scopes.push(["-gu"], ["-wgu"]), scope === "all" && target === "" && scopes.push(["-u"], ["-wu"]);
  let args = joined(scopes.flatMap((flags) => PANE_ONLY_OPTIONS.map((option) => ["set-option", ...flags, option])));
  if (scope === "server" || target === void 0 || target === "") return args;
  let branch = joined([["-u", "-t", target], ["-wu", "-t", target]].flatMap((flags) => PANE_ONLY_OPTIONS.map((option) => ["set-option", ...flags, option]))).map((word) => word === ";" ? word : tmuxQuote(word)).join(" ");
  return [...args, ";", "if-shell", "-F", "-t", target, "#{pane_id}", branch];
}
function joined(commands) {
  return commands.flatMap((command, index) => [...index ? [";"] : [], ...command]);
}
function serverCopiesShown() {
  return joined(PANE_ONLY_OPTIONS.map((option) => ["show-options", "-sq", option]));
}
function serverCopies(answer) {
  let copies = [], at = 0;
  for (; ; ) {
    let end = answer.indexOf(`
`, at), line3 = answer.slice(at, end < 0 ? answer.length : end);
    if (end < 0 || !PANE_ONLY_OPTIONS.some((option) => line3.startsWith(`${option} `))) break;
    copies.push(line3), at = end + 1;
  }
  return { copies, rest: answer.slice(at) };
}
function shadowUnsetsText(target, scope = "all") {
  return shadowUnsets(target, scope).join(" ");
}

// src/core/auto.ts
var AUTO_HOOKS = ["after-new-session", "after-new-window", "after-split-window"], AUTO_BY = "auto";
function autoOn(value) {
  return /^(on|yes|1|true)$/i.test(value.trim());
}
function autoPipeCommand(node, bundle, socket, respawned = !1) {
  let where = `--socket ${literal(shellQuoteForFormat(socket))} --pane '#{pane_id}'`, reader = literal(`${shellQuoteForFormat(node)} ${READER_NODE_FLAGS} ${shellQuoteForFormat(bundle)}`), helper = literal(`${shellQuoteForFormat(node)} ${shellQuoteForFormat(bundle)}`);
  return `${reader} pipe-auto ${where}${respawned ? " --respawned" : ""} || exec ${helper} recover-pane ${where} "$?" <&-`;
}
function autoShellMark(socket, paneId) {
  return ` pipe-auto --socket ${shellQuoteForFormat(socket)} --pane '${paneId}'`;
}
function autoHookCommand(node, bundle, socket) {
  let idle = `#{&&:#{==:#{${PANE_OPTIONS.recording}},},#{==:#{${PANE_OPTIONS.offBy}},}}`, pipe = `pipe-pane ${tmuxQuote(autoPipeCommand(node, bundle, socket))}`;
  return `${shadowUnsetsText("")} ; if-shell -F ${tmuxQuote(idle)} ${tmuxQuote(pipe)}`;
}
function panesToStart(rows, living) {
  return rows.filter((row) => !row.dead && row.offBy === "" && !(row.piped && row.recording === "") && !(row.recording !== "" && living(row))).map((row) => row.paneId);
}
function rearmScript(node, bundle, socket, paneId, recording, runFile) {
  let tmux = `tmux -S ${shellQuoteForFormat(socket)}`, pane = shellQuoteForFormat(paneId), idle = `#{&&:#{&&:#{==:#{${PANE_OPTIONS.recording}},},#{==:#{${PANE_OPTIONS.offBy}},}},#{!=:#{${PANE_OPTIONS.rearmed}},${recording}}}`, pipe = `${`set-option -p -t ${tmuxQuote(paneId)} ${PANE_OPTIONS.rearmed} ${tmuxQuote(recording)}`} ; pipe-pane -t ${tmuxQuote(paneId)} ${tmuxQuote(autoPipeCommand(node, bundle, socket, !0))}`, state = shellQuoteForFormat(`#{pane_dead} #{${PANE_OPTIONS.recording}}`), unshadow = `${shadowUnsets(paneId).map((word) => word === ";" ? "\\;" : shellQuoteForFormat(word)).join(" ")} \\;`;
  return [
    "waited=0",
    "while sleep 0.2; do",
    // While the pane is dead, one plain look: removing the copies at every look cost ~40 commands each 0.2 s, +1 % of
    // a core per dead pane (review of piped15b). No copy hides #{pane_dead} (not an option), nor the pane's own mark
    // read with show-options -p (no inheritance without -A); another recording's mark ends the loop, as below (a
    // second loop of this recording must not pipe over the one that re-armed the pane meanwhile). The copies are
    // removed for the look on a pane that lives again.
    `  look=$(${tmux} display-message -p -t ${pane} '#{pane_dead}' \\; show-options -pqv -t ${pane} ${PANE_OPTIONS.recording}) || exit 0`,
    `  case "$look" in 1|${shellQuoteForFormat(`1
${recording}`)}) continue ;; 1*) exit 0 ;; esac`,
    `  state=$(${tmux} ${unshadow} display-message -p -t ${pane} ${state}) || exit 0`,
    `  case "$state" in '0 ') ;; '1 '|${shellQuoteForFormat(`1 ${recording}`)}|${shellQuoteForFormat(`0 ${recording}`)}) continue ;; *) exit 0 ;; esac`,
    // The old reader clears the marks before it writes its stop; its run file goes after: the new
    // recording's start must not come before that stop. A reader killed outright leaves it: 10 s at most.
    `  waited=$((waited + 1)); [ -e ${shellQuoteForFormat(runFile)} ] && [ "$waited" -lt 50 ] || break`,
    "done",
    // @audit-auto turned off meanwhile: the respawned pane is left alone, as a new one would be (autoOn's words).
    `case "$(${tmux} show-options -gqv @audit-auto)" in [Oo][Nn]|[Yy][Ee][Ss]|1|[Tt][Rr][Uu][Ee]) ;; *) exit 0 ;; esac`,
    `exec ${tmux} ${unshadow} if-shell -F -t ${pane} ${shellQuoteForFormat(idle)} ${shellQuoteForFormat(pipe)}`
  ].join(`
`);
}

// src/tmux/client.ts
var import_node_child_process = require("node:child_process"), import_node_crypto9 = require("node:crypto");
var FIELD_SEPARATOR = "";
function hasDisplayDelay(version) {
  let match2 = /^(\d+)\.(\d+)/.exec(version);
  return !match2 || Number(match2[1]) > 3 || Number(match2[1]) === 3 && Number(match2[2]) >= 2;
}
function messageArgs(text2, options) {
  let args = ["display-message"];
  return options.client && args.push("-c", options.client), options.error && hasDisplayDelay(options.version ?? "") && args.push("-d", "8000"), args.push(literal(text2)), args;
}
var RECORDING_MARKS = [PANE_OPTIONS.recording, PANE_OPTIONS.runFile, PANE_OPTIONS.beat, PANE_OPTIONS.readerPid, PANE_OPTIONS.readerSize];
function unset(paneId, options) {
  return options.flatMap((option, index) => [...index ? [";"] : [], "set-option", "-pu", "-t", paneId, option]);
}
function commandText(args) {
  return args.map((word) => word === ";" ? word : tmuxQuote(word)).join(" ");
}
var ANSWER_TIMEOUT_MS = 2e3, STOPPED = "stopped";
function stopMark(nonce) {
  return `${PANE_OPTIONS.stopMark}${nonce}`;
}
var Tmux = class {
  /** `socket` is for processes outside tmux's environment (the pipe reader); commands run from tmux use $TMUX. */
  constructor(socket) {
    this.socket = socket;
  }
  socket;
  /** Panes whose current command is being asked, and who waits for the answer. */
  asking = /* @__PURE__ */ new Map();
  run(args) {
    let { stdout, failure: failure2 } = this.tryRun(args);
    if (failure2) throw failure2;
    return stdout;
  }
  /** What tmux printed, and its failure if it failed: a step may print, then fail as its server exits. */
  tryRun(args) {
    let full = this.socket ? ["-S", this.socket, ...args] : args;
    try {
      return { stdout: (0, import_node_child_process.execFileSync)("tmux", full, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
    } catch (error) {
      let failure2 = error;
      if (failure2.code === "ENOENT") throw new AuditError("tmux is not on PATH");
      let detail = (failure2.stderr ?? "").trim() || failure2.message;
      return { stdout: typeof failure2.stdout == "string" ? failure2.stdout : "", failure: new AuditError(`tmux ${args[0]} failed: ${detail}`) };
    }
  }
  /**
   * Runs tmux without waiting (the pipe reader must keep reading): `done`
   * gets its output, or an error; a server that does not answer within
   * ANSWER_TIMEOUT_MS is given up on.
   */
  runLater(args, done = () => {
  }) {
    (0, import_node_child_process.execFile)("tmux", this.socket ? ["-S", this.socket, ...args] : args, { encoding: "utf8", timeout: ANSWER_TIMEOUT_MS }, done);
  }
  /** runLater for the reader's own questions (capture/note-facts.ts): `done` gets the output, or undefined. */
  ask(args, done) {
    this.runLater(args, (error, stdout) => done(error ? void 0 : stdout));
  }
  /** The rows the pane shows now (at toggle time: never on the data path). */
  visibleRows(paneId) {
    return this.run(["capture-pane", "-p", "-t", paneId]).replace(/\n$/, "").split(`
`);
  }
  /** The text of the cursor's line left of the cursor, and the rows above it, as the screen shows them now. */
  screenBeforeCursor(paneId, cursorX, cursorY) {
    let rows = this.run(["capture-pane", "-p", "-t", paneId, "-S", "0", "-E", String(cursorY)]).replace(/\n$/, "").split(`
`);
    return { seed: textInCells(rows[cursorY] ?? "", cursorX), rowsAbove: rows.slice(0, cursorY) };
  }
  /**
   * The rows above the cursor's line `cursorY`, from up to `scrollback` lines
   * of history on: joined (-J), as text (no -e: tmux gives the cells, no
   * escapes); leading blank rows dropped (a fresh pane's unused history).
   */
  rowsAbove(paneId, cursorY, scrollback) {
    let end = cursorY - 1, start2 = scrollback > 0 ? -scrollback : 0;
    if (end < start2) return [];
    let rows = this.run(["capture-pane", "-p", "-J", "-t", paneId, "-S", String(start2), "-E", String(end)]).replace(/\n$/, "").split(`
`);
    for (; rows.length > 0 && rows[0].trim() === ""; ) rows.shift();
    return rows.map((row) => row.replace(/\s+$/, ""));
  }
  /**
   * Starts `command` as the pane's pipe (replacing any stale one: plain
   * pipe-pane closes an existing pipe first, cmd-pipe-pane.c:76) and marks the
   * pane, in one tmux call so the status line changes at once.
   */
  startPipe(paneId, command, recording, runFile) {
    this.run(["pipe-pane", "-t", paneId, literal(command), ";", ...this.marks(paneId, recording, runFile)]);
  }
  /**
   * Marks a pane whose pipe an auto hook opened (core/auto.ts) as logged, as startPipe does, if nothing marks it yet
   * and nobody stopped it by hand since: a compare-and-set (if-shell -F runs its branch before any other client's
   * command, cmd-if-shell.c:100). Whether the pane is this recording's now. A reader stalled after its look for
   * newer readers (commands/auto.ts) must not take the pane from one that marked it meanwhile.
   */
  markPipe(paneId, recording, runFile) {
    let free = `#{&&:#{==:#{${PANE_OPTIONS.recording}},},#{==:#{${PANE_OPTIONS.offBy}},}}`;
    return this.run([
      ...shadowUnsets(paneId),
      ";",
      "if-shell",
      "-F",
      "-t",
      paneId,
      free,
      commandText(this.marks(paneId, recording, runFile)),
      ";",
      "display-message",
      "-p",
      "-t",
      paneId,
      `#{${PANE_OPTIONS.recording}}`
    ]).trim() === recording;
  }
  /** A pane's own option (show-options -p, no -A: neither a server copy, which a format finds first, nor an inherited one). */
  paneOption(paneId, name) {
    return this.run(["show-options", "-pqv", "-t", paneId, name]).replace(/\n$/, "");
  }
  /** The recording the pane is marked with now ('' if none), other copies of the mark removed first (core/shadows.ts). */
  paneRecording(paneId) {
    return this.run([...shadowUnsets(paneId), ";", "display-message", "-p", "-t", paneId, `#{${PANE_OPTIONS.recording}}`]).trim();
  }
  /** A start clears who stopped the pane by hand: auto-start follows the pane's latest choice. */
  marks(paneId, recording, runFile) {
    return [
      "set-option",
      "-p",
      "-t",
      paneId,
      PANE_OPTIONS.recording,
      recording,
      ";",
      "set-option",
      "-p",
      "-t",
      paneId,
      PANE_OPTIONS.runFile,
      runFile,
      ";",
      "set-option",
      "-p",
      "-t",
      paneId,
      PANE_OPTIONS.beat,
      String(Math.floor(Date.now() / 1e3)),
      ";",
      "set-option",
      "-pu",
      "-t",
      paneId,
      PANE_OPTIONS.offBy,
      ";",
      // The after-pipe-pane hook notes every pipe-pane after this (it ran for the one that started ours before these
      // marks: hooks run right after their command, cmd-queue.c:660, :432): a stop closes the pipe only while none
      // did, the pipe then being this recording's (stopPipe). Set empty rather than unset: a format finds a pane's own
      // option before the window's and the global window ones (format.c:3446-3456), which a user could set to make
      // every stop refuse. A server option (set -s) is found before it all the same: the stop's step removes it
      // (core/shadows.ts).
      "set-option",
      "-p",
      "-t",
      paneId,
      PANE_OPTIONS.pipedBy,
      "",
      ";",
      // A reader killed outright left its pid and size: the new reader sets its own once it runs (after these marks).
      ...unset(paneId, [PANE_OPTIONS.readerPid, PANE_OPTIONS.readerSize])
    ];
  }
  /** Every pane of the server with its auto-start facts (core/auto.ts PaneRow), and its run file. */
  autoRows() {
    let formats = ["#{pane_id}", `#{${PANE_OPTIONS.recording}}`, `#{${PANE_OPTIONS.runFile}}`, `#{${PANE_OPTIONS.offBy}}`, "#{pane_pipe}", "#{pane_dead}"], rows = [];
    for (let row of this.run([...shadowUnsets(), ";", "list-panes", "-a", "-F", formats.join(FIELD_SEPARATOR)]).split(`
`)) {
      let [paneId, recording = "", runFile = "", offBy = "", piped = "", dead = ""] = row.split(FIELD_SEPARATOR);
      paneId && rows.push({ paneId, recording, runFile, offBy, piped: piped === "1", dead: dead === "1" });
    }
    return rows;
  }
  /** The clients attached to a session now: tty and user (core/context.ts). */
  clientsOf(session) {
    return this.run(["list-clients", "-t", session, "-F", ["#{client_name}", "#{client_user}"].join(FIELD_SEPARATOR)]).split(`
`).filter(Boolean).map((row) => {
      let [name = "", user = ""] = row.split(FIELD_SEPARATOR);
      return { name, user };
    });
  }
  /** A session's name by its id (`$N`), or '' if it is gone. */
  sessionName(sessionId) {
    try {
      let rows = this.run(["list-sessions", "-F", ["#{session_id}", "#{session_name}"].join(FIELD_SEPARATOR)]);
      for (let row of rows.split(`
`)) {
        let [id, name = ""] = row.split(FIELD_SEPARATOR);
        if (id === sessionId) return name;
      }
    } catch {
    }
    return "";
  }
  /** The server's socket path, as the reader must be told it (pipe-pane's child has no $TMUX: cmd-pipe-pane.c:124). */
  socketPath() {
    return this.run(["display-message", "-p", "#{socket_path}"]).replace(/\n$/, "");
  }
  /** A global option's value ('' if unset). */
  globalOption(name) {
    return this.run(["show-options", "-gqv", name]).replace(/\n$/, "");
  }
  /** Sets, or with `command` undefined removes, the hook at `name[index]`. */
  setHook(name, index, command) {
    this.run(command === void 0 ? ["set-hook", "-gu", `${name}[${index}]`] : ["set-hook", "-g", `${name}[${index}]`, command]);
  }
  /** The reader's heartbeat (see core/status.ts), without waiting: a server that is slow to answer must not slow the reader. */
  beat(paneId) {
    let args = ["set-option", "-p", "-t", paneId, PANE_OPTIONS.beat, String(Math.floor(Date.now() / 1e3))];
    this.runLater(args);
  }
  /**
   * The heartbeat, and where the pane is now (`format`'s fields, joined by
   * FIELD_SEPARATOR) in the same call: undefined when tmux cannot say.
   */
  beatAndAsk(paneId, format2, reader, done) {
    let args = [
      ...this.readerArgs(paneId, reader.recording, reader.pid, reader.runFile, !0),
      ";",
      "display-message",
      "-p",
      "-t",
      paneId,
      format2.join(FIELD_SEPARATOR)
    ];
    this.runLater(args, (error, stdout) => done(error ? void 0 : stdout));
  }
  /**
   * Publishes the reader's pid in the pane for the resize hook (audit.tmux), if the pane still shows this recording
   * (a toggle may have stopped it meanwhile). Asynchronous: nothing waits for it.
   */
  announceReader(paneId, recording, pid) {
    this.runLater(this.readerArgs(paneId, recording, pid));
  }
  readerArgs(paneId, recording, pid, runFile, beat = !1) {
    let run = runFile === void 0 ? "" : ` ; set-option -p -t ${paneId} ${PANE_OPTIONS.runFile} ${tmuxQuote(runFile)}`, beating = beat ? ` ; set-option -p -t ${paneId} ${PANE_OPTIONS.beat} ${Math.floor(Date.now() / 1e3)}` : "";
    return [...shadowUnsets(void 0, "server"), ";", ...this.ifRecording(paneId, recording, `set-option -p -t ${paneId} ${PANE_OPTIONS.readerPid} ${pid}${run}${beating}`)];
  }
  /** `command` (tmux syntax; only ids, numbers and option names in it) if the pane still shows this recording. */
  ifRecording(paneId, recording, command, also) {
    let shown = `#{==:#{${PANE_OPTIONS.recording}},${recording}}`;
    return ["if-shell", "-F", "-t", paneId, also === void 0 ? shown : `#{&&:${shown},${also}}`, command];
  }
  /**
   * Closes the pane's pipe and clears the marks, the status going off at once (set-option redraws), only if the pane
   * still shows `recording`: a compare-and-set, as markPipe. A start that gave up on its reader must not close the
   * pipe of a newer recording, nor a stop delayed after it read the pane (a loaded machine, a slow server) the pipe
   * of one started meanwhile: that one would end with nobody named, its stop request being the older one's. `offBy`:
   * who stopped it by hand (auto-start then leaves it off: core/auto.ts), noted in the same step, so a stop that
   * ended nothing does not keep auto-start from a newer recording. Whether the pane was this recording's.
   *
   * `nonce`: a user's stop, whose request the reader takes only if this step closed its pipe. The step then also
   * needs the pipe to be this recording's still (open, and no pipe-pane since the marks: a pipe someone else closed
   * or replaced while this stop was on its way ended the recording, not this stop), and it leaves the nonce in a
   * server option, which the reader's question finds whatever becomes of the pane: set right after pipe-pane in
   * the branch, it is there before tmux answers any other client (the branch runs as one run of this client's
   * queue, cmd-if-shell.c:99-100, cmd-queue.c:738-788; set-option does not wait), and is not set if pipe-pane
   * fails (a dead pane: cmd-pipe-pane.c:71, the rest of the list dropped, cmd-queue.c:769-770).
   */
  stopPipe(paneId, recording, offBy, nonce) {
    return this.stopStep(paneId, recording, offBy, nonce).stopped;
  }
  /**
   * stopPipe with a nonce, and the server copies of the plugin's pane options it removed first, as tmux printed them
   * (`<name> <value>`). A format finds a server option before the pane's (format.c:3446), and anyone may set one
   * (set -s): left there, `@audit_on` would decide for every pane whether it shows this recording, `@audit_piped_by`
   * whether its pipe is still the recording's (an empty one passing a pipe someone replaced since the start, any
   * other refusing every stop). The plugin never sets them at the server: they are removed in the same command list,
   * right before the step, so the step reads the pane's own (core/shadows.ts).
   */
  stopPipeOwn(paneId, recording, offBy, nonce) {
    return this.stopStep(paneId, recording, offBy, nonce);
  }
  stopStep(paneId, recording, offBy, nonce) {
    let stop2 = [
      "pipe-pane",
      "-t",
      paneId,
      ";",
      ...nonce === void 0 ? [] : ["set-option", "-s", stopMark(nonce), nonce, ";"],
      ...unset(paneId, RECORDING_MARKS),
      ...offBy === void 0 ? [] : [";", "set-option", "-p", "-t", paneId, PANE_OPTIONS.offBy, offBy],
      // Printed to this command's client, as the branch runs in its place (cmd-if-shell.c:100).
      ";",
      "display-message",
      "-p",
      STOPPED
    ], ours2 = nonce === void 0 ? void 0 : `#{&&:#{pane_pipe},#{==:#{${PANE_OPTIONS.pipedBy}},}}`, unshadow = [...serverCopiesShown(), ";", ...shadowUnsets(paneId), ";"], { stdout, failure: failure2 } = this.tryRun([...unshadow, ...this.ifRecording(paneId, recording, commandText(stop2), ours2)]), { copies: shadows, rest } = serverCopies(stdout);
    if (rest.split(`
`).includes(STOPPED)) return { stopped: !0, shadows };
    if (failure2) throw failure2;
    return { stopped: !1, shadows };
  }
  /**
   * Which of these stop nonces a stop's step left (stopPipe), removing them all; undefined when there is no server
   * to ask. Each asked on its own (show-options prints nothing for an unset one): an option's value is its nonce.
   */
  takeStopMarks(nonces) {
    if (nonces.length === 0) return /* @__PURE__ */ new Set();
    let args = nonces.flatMap((nonce, index) => [...index ? [";"] : [], "show-options", "-sqv", stopMark(nonce), ";", "set-option", "-su", stopMark(nonce)]);
    try {
      return new Set(this.run(args).split(`
`).filter((nonce) => nonces.includes(nonce)));
    } catch {
      return;
    }
  }
  /** Shows `text` in the message line of `client` (or the current one). */
  message(text2, options = {}) {
    this.run(messageArgs(text2, options));
  }
  /** As message, without waiting (the pipe reader: a slow server must not stop it reading); failures are ignored. */
  messageLater(text2, options = {}) {
    let args = messageArgs(text2, options);
    this.runLater(args);
  }
  /**
   * The program in the foreground of a pane (tmux reads it from the pty,
   * osdep-linux.c), or undefined. Asynchronous; calls in
   * flight at once share one question (a program flapping between screens
   * asks once, not per switch).
   */
  currentCommand(paneId, done) {
    let waiting = this.asking.get(paneId);
    if (waiting) return void waiting.push(done);
    this.asking.set(paneId, [done]);
    let args = ["display-message", "-p", "-t", paneId, "#{pane_current_command}"];
    this.runLater(args, (error, stdout) => {
      let name = error ? void 0 : stdout.trim() || void 0, all = this.asking.get(paneId) ?? [];
      this.asking.delete(paneId);
      for (let each of all) each(name);
    });
  }
  /** Whether the pane is in the alternate screen now, or undefined if tmux cannot say. Asynchronous. */
  alternateOn(paneId, done) {
    let args = ["display-message", "-p", "-t", paneId, "#{alternate_on}"];
    this.runLater(args, (error, stdout) => {
      let flag2 = stdout.trim();
      done(error || flag2 !== "0" && flag2 !== "1" ? void 0 : flag2 === "1");
    });
  }
  /**
   * The pane's size now, or undefined if tmux cannot say. Asynchronous. `forModels`: the reader's models will take
   * the answer, so the same command list sets PANE_OPTIONS.readerSize to it: in tmux's own order, the option is the
   * size of the last such question tmux answered, which audit.tmux's resize hook compares with the pane's to signal
   * only a reader whose size is out of date. The cast's questions (sinks/file/cast-size.ts) must not set it.
   */
  paneSize(paneId, done, forModels = !1) {
    let args = ["display-message", "-p", "-t", paneId, "#{pane_width} #{pane_height}"];
    forModels && args.push(";", "set-option", "-p", "-F", "-t", paneId, PANE_OPTIONS.readerSize, "#{pane_width}x#{pane_height}"), this.runLater(args, (error, stdout) => {
      let [columns, rows] = stdout.trim().split(" ").map(Number);
      done(!error && columns > 0 && rows > 0 ? { columns, rows } : void 0);
    });
  }
  /**
   * The hash an integrated shell with this pid registered in the pane, or
   * undefined. Asynchronous. `pid` must be digits (it comes
   * from the pane's output and goes into a format).
   */
  registeredShell(paneId, pid, done) {
    if (!/^\d+$/.test(pid)) return done(void 0);
    let args = ["show-options", "-pqv", "-t", paneId, `${PANE_OPTIONS.shellKey}${pid}`];
    this.runLater(args, (error, stdout) => {
      let hash = stdout.trim();
      done(!error && /^[0-9a-f]{64}$/.test(hash) ? hash : void 0);
    });
  }
  /** The pids of the shells that registered a key in the pane (living or not). */
  registeredShells(paneId) {
    let pids = [];
    for (let line3 of this.run(["show-options", "-p", "-t", paneId]).split(`
`)) {
      if (!line3.startsWith(PANE_OPTIONS.shellKey)) continue;
      let pid = Number(line3.slice(PANE_OPTIONS.shellKey.length, line3.indexOf(" ")));
      Number.isInteger(pid) && pid > 0 && pids.push(pid);
    }
    return pids;
  }
  /** Notes, for the whole server, that the shell-integration tip was given. */
  markShellHinted() {
    this.run(["set-option", "-g", PANE_OPTIONS.shellHinted, "1"]);
  }
  /** A session's name and its panes marked as logged; without a session, every pane of the server. */
  loggedPanes(session, window) {
    let scope = window !== void 0 ? ["-t", window] : session === void 0 ? ["-a"] : ["-s", "-t", session], target = window ?? session, rows = this.run([...shadowUnsets(target), ";", "list-panes", ...scope, "-F", [window !== void 0 ? "#{window_name}" : "#{session_name}", "#{pane_id}", `#{${PANE_OPTIONS.recording}}`, `#{${PANE_OPTIONS.runFile}}`].join(FIELD_SEPARATOR)]), name = "", panes = [];
    for (let row of rows.split(`
`)) {
      let [sessionName, paneId, recording, runFile] = row.split(FIELD_SEPARATOR);
      sessionName === void 0 || paneId === void 0 || (name = sessionName, recording && runFile && panes.push({ paneId, recording, runFile }));
    }
    return { name, panes };
  }
  /**
   * What became of a pane: still running, exited but kept (remain-on-exit),
   * gone, or no server at all; and who last ran pipe-pane on it (the
   * after-pipe-pane hook that audit.tmux sets records its client: tmux/pipe-closer.ts).
   */
  paneFate(paneId) {
    let answer;
    try {
      answer = this.run([
        "display-message",
        "-p",
        "-t",
        paneId,
        ["#{pane_id}", "#{pane_dead}"].join(FIELD_SEPARATOR),
        ";",
        "show-options",
        "-p",
        "-qv",
        "-t",
        paneId,
        PANE_OPTIONS.pipedBy
      ]);
    } catch {
      return { fate: "no-server", pipedBy: "" };
    }
    let [first = "", ...note] = answer.replace(/\n$/, "").split(`
`), [id, dead] = first.split(FIELD_SEPARATOR);
    return id !== paneId ? { fate: "gone", pipedBy: "" } : { fate: dead === "1" ? "dead" : "alive", pipedBy: note.join(`
`) };
  }
  /**
   * Who tmux last saw typing in the pane's window (the window option the
   * client-active hook sets, see audit.tmux) and every attached client with
   * its user (peer credentials) and access; undefined if tmux cannot say.
   * Asynchronous, as captureScreen. The option comes last, after a line that
   * starts with a fresh nonce: it is settable by anyone with write access, and
   * a newline in it must not pass for a client of list-clients.
   */
  typing(paneId, done) {
    let marker2 = `typist-${(0, import_node_crypto9.randomBytes)(8).toString("hex")}`, args = ["list-clients", "-F", ["#{client_name}", "#{client_user}", "#{client_uid}", "#{client_flags}", "#{client_activity}", "#{client_created}"].join(FIELD_SEPARATOR), ";", "display-message", "-p", "-t", paneId, marker2, ";", "show-options", "-wqv", "-t", paneId, PANE_OPTIONS.typist];
    this.runLater(args, (error, stdout) => {
      if (error) return done(void 0);
      let lines = stdout.split(`
`), at = lines.indexOf(marker2);
      if (at < 0) return done(void 0);
      let clients = [];
      for (let line3 of lines.slice(0, at)) {
        let [name, user, uid, flags, activity, created] = line3.split(FIELD_SEPARATOR);
        !name || !user || uid === void 0 || flags === void 0 || clients.push({ name, user, uid, readOnly: flags.split(",").includes("read-only"), activity: Number(activity), created: Number(created) });
      }
      done({ typist: lines[at + 1] ?? "", clients });
    });
  }
  /** Clears the marks of a pane whose recording ended without a toggle (the reader's own failure). */
  clearMarks(paneId, recording) {
    this.run([...shadowUnsets(paneId), ";", ...this.ifRecording(paneId, recording, commandText(unset(paneId, RECORDING_MARKS)))]);
  }
};

// src/tmux/asking-client.ts
var KEY_PRESS_FRESH_S = 3;
function askingClient(tmux, named, nowSeconds = Math.floor(Date.now() / 1e3)) {
  let row = ["#{client_name}", "#{client_user}", "#{client_flags}", "#{client_activity}"].join(FIELD_SEPARATOR), clients;
  try {
    clients = tmux.run(["list-clients", "-F", row]).split(`
`).map((line3) => line3.split(FIELD_SEPARATOR)).filter(([name, user]) => !!name && !!user).map(([name, user, flags, activity]) => ({ name, user, readOnly: (flags ?? "").split(",").includes("read-only"), activity: Number(activity) }));
  } catch {
    return;
  }
  let found = clients.find((client) => client.name === named && nowSeconds - client.activity <= KEY_PRESS_FRESH_S);
  if (!found) {
    let current = "";
    try {
      current = tmux.run(["display-message", "-p", "#{client_name}"]).trim();
    } catch {
    }
    found = clients.find((client) => client.name === current && !client.readOnly);
  }
  return found && { name: found.name, user: found.user, readOnly: found.readOnly };
}

// src/tmux/pane.ts
var text = (value) => value, flag = (value) => value === "1", number = (value) => Number(value), PANE_FIELDS = {
  paneId: { format: "pane_id", parse: text },
  piped: { format: "pane_pipe", parse: flag },
  /** Recording id while tmux-audit logs this pane, else empty. */
  recording: { format: PANE_OPTIONS.recording, parse: text },
  /** Run file of that recording, else empty. */
  runFile: { format: PANE_OPTIONS.runFile, parse: text },
  session: { format: "session_name", parse: text },
  /** `$N`: a target no session name can mistarget (a name may hold `:` or `.`). */
  sessionId: { format: "session_id", parse: text },
  window: { format: "window_index", parse: text },
  pane: { format: "pane_index", parse: text },
  serverPid: { format: "pid", parse: text },
  socket: { format: "socket_path", parse: text },
  version: { format: "version", parse: text },
  /** Cursor position and whether the alternate screen is on: where logging picks up. */
  cursorX: { format: "cursor_x", parse: number },
  cursorY: { format: "cursor_y", parse: number },
  alternateScreen: { format: "alternate_on", parse: flag },
  /** The window option alternate-screen: off, tmux ignores the switches (screen-write.c:2120, :2138), and so must the reader. */
  alternateScreenAllowed: { format: "alternate-screen", parse: flag },
  /** Columns: the reader stops cursor moves at the right edge, as the screen does. */
  width: { format: "pane_width", parse: number },
  /** Rows: the screen model's height, and the cast's header (`@audit-cast`). */
  height: { format: "pane_height", parse: number },
  /** The pane's pty: the reader reads its size there when output comes after a pause (runtime/pty-size.ts). */
  tty: { format: "pane_tty", parse: text },
  /** The program in the foreground (a shell at a prompt): which integration snippet to suggest. */
  command: { format: "pane_current_command", parse: text },
  /** Context for the start event (core/context.ts). */
  host: { format: "host", parse: text },
  cwd: { format: "pane_current_path", parse: text },
  windowName: { format: "window_name", parse: text },
  /** The suggestion to integrate the shell was made once on this server (shell/integration.*). */
  shellHinted: { format: PANE_OPTIONS.shellHinted, parse: flag }
}, FIELD_KEYS = Object.keys(PANE_FIELDS), FORMATS = [...FIELD_KEYS.map((key2) => PANE_FIELDS[key2].format), ...START_OPTIONS.map((key2) => OPTIONS[key2].name)];
function readPane(tmux, target) {
  let display = ["display-message", "-p", "-t", target, FORMATS.map((format2) => `#{${format2}}`).join(FIELD_SEPARATOR)], answer = tmux.run([...serverCopiesShown(), ";", ...shadowUnsets(target), ";", ...display]), { copies: shadows, rest: output } = serverCopies(answer), values = output.replace(/\n$/, "").split(FIELD_SEPARATOR);
  if (values.length !== FORMATS.length) throw new AuditError(`cannot read the state of pane ${target}`);
  if (values[0] === "" || /^%\d+$/.test(target) && values[0] !== target) throw new AuditError(`no such pane: ${target}`, 2);
  let state = {};
  FIELD_KEYS.forEach((key2, index) => {
    state[key2] = PANE_FIELDS[key2].parse(values[index]);
  });
  let options = {};
  return START_OPTIONS.forEach((key2, index) => {
    options[key2] = values[FIELD_KEYS.length + index];
  }), { ...state, options, shadows };
}

// src/commands/lost.ts
var import_node_fs9 = __nodeBuiltin(require("node:fs")), import_node_path11 = __nodeBuiltin(require("node:path"));

// src/capture/identity.ts
var import_node_os2 = __nodeBuiltin(require("node:os"));
function recordingIdentity(recording) {
  return {
    rec: recording.id,
    user: recording.user || import_node_os2.default.userInfo().username,
    place: { server: recording.socket, session: recording.session, window: recording.window, pane: recording.pane, paneId: recording.paneId }
  };
}

// src/capture/stamper.ts
var Stamper = class {
  constructor(identity2) {
    this.identity = identity2;
    let { rec, user, place } = identity2;
    this.user = user, this.reused = { time: 0, rec, seq: void 0, user, owner: user, place, kind: "line", text: "", fields: void 0 };
  }
  identity;
  reused;
  /** Who acts in the pane now (capture/actor.ts): the stamp's user. */
  user;
  /** Records made from now on are stamped with `user` (the owner stays in `owner`). */
  actingUser(user) {
    this.user = user, this.reused.user = user;
  }
  /** Output: a line, a continuation piece or a screen row. Valid until the next call. */
  output(kind, text2, time) {
    let record = this.reused;
    return record.time = time, record.seq = void 0, record.kind = kind, record.text = text2, record;
  }
  /** An event of the recorder (a fresh record). */
  event(name, fields, time) {
    let { rec, user: owner, place } = this.identity;
    return { time, rec, seq: void 0, user: this.user, owner, place, kind: "event", text: name, fields };
  }
};

// src/sinks/file/append.ts
function appendRecords(file, format2, records, prefix = "") {
  appendLines(file, prefix + records.map((record) => format2.format(record)).join(""));
}

// src/commands/lost.ts
function closeLostRecording(tmux, pane) {
  if (pane.recording === "" || livingReader(pane.runFile) !== void 0 || starting(pane.runFile)) return;
  let claimed = claim(pane.runFile, tmux), recording = claimed?.recording;
  if (claimed && recording && recording.id === pane.recording) {
    let lost = new Stamper(recordingIdentity(recording)).event("stop", { reason: "lost", ...claimed.bound }, Date.now());
    try {
      appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [lost]);
    } catch {
    }
  }
  claimed ? import_node_fs9.default.rmSync(claimed.path, { force: !0 }) : awaitOtherClaim(pane.runFile);
  try {
    tmux.clearMarks(pane.paneId, pane.recording);
  } catch {
  }
  return recording?.id === pane.recording ? pane.recording : void 0;
}
function starting(runFile) {
  if (import_node_fs9.default.existsSync(pidFilePath(runFile))) return !1;
  let written = import_node_fs9.default.statSync(runFile, { throwIfNoEntry: !1 })?.mtimeMs;
  return written !== void 0 && Date.now() - written < READER_START_TIMEOUT_MS + 2e3;
}
function claim(runFile, tmux) {
  let claimed = `${runFile}.${process.pid}.closing`;
  try {
    import_node_fs9.default.renameSync(runFile, claimed);
  } catch {
    return;
  }
  try {
    let recording = readRecording(claimed);
    return { recording, bound: externalStopFields(runFile, recording.id, "lost", recording.chainKey, recording.file), path: claimed };
  } catch {
    import_node_fs9.default.rmSync(claimed, { force: !0 });
    return;
  } finally {
    let nonces = toggleStopNoncesOf(runFile);
    for (let file of [pidFilePath(runFile), ...stopFiles(runFile), sealFilePath(runFile), heldNotePath(runFile)]) import_node_fs9.default.rmSync(file, { force: !0 });
    removeNoteFiles(runFile), tmux.takeStopMarks(nonces);
  }
}
var OTHER_CLAIM_MS = 2e3;
function awaitOtherClaim(runFile) {
  let prefix = `${import_node_path11.default.basename(runFile)}.`, held2 = () => {
    try {
      return import_node_fs9.default.readdirSync(import_node_path11.default.dirname(runFile)).some((name) => name.startsWith(prefix) && name.endsWith(".closing"));
    } catch {
      return !1;
    }
  }, pause2 = new Int32Array(new SharedArrayBuffer(4));
  for (let deadline = Date.now() + OTHER_CLAIM_MS; held2() && Date.now() < deadline; ) Atomics.wait(pause2, 0, 0, 20);
}
function sweepLost(tmux, paneId) {
  let panes;
  try {
    panes = tmux.loggedPanes().panes.filter((pane) => paneId === void 0 || pane.paneId === paneId);
  } catch {
    return { messages: [], version: "" };
  }
  let closed = panes.map((pane) => closeLostRecording(tmux, pane) && `${pane.paneId} (rec ${pane.recording})`).filter(Boolean);
  return paneId === void 0 && closed.push(...closeOrphans(tmux, new Set(panes.map((pane) => pane.runFile)))), { messages: closed.length > 0 ? [`closed ${closed.length} recording(s) whose reader had gone: ${closed.join(", ")}`] : [], version: "" };
}
function closeOrphans(tmux, marked) {
  let dir;
  try {
    let raw = tmux.run(["show-option", "-gqv", OPTIONS.dir.name]).replace(/\n$/, "");
    dir = resolveOptions({ dir: raw, timeFormat: "", maxSize: "", maxFiles: "", format: "", cast: "" }, process.env).options.dir;
  } catch {
    return [];
  }
  let runDir = import_node_path11.default.join(dir, ".run"), names;
  try {
    names = import_node_fs9.default.readdirSync(runDir).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  let closed = [];
  for (let name of names) {
    let runFile = import_node_path11.default.join(runDir, name);
    if (marked.has(runFile) || livingReader(runFile) !== void 0 || starting(runFile)) continue;
    let claimed = claim(runFile, tmux);
    if (!claimed) continue;
    let { recording } = claimed, lost = new Stamper(recordingIdentity(recording)).event("stop", { reason: "lost", ...claimed.bound }, Date.now());
    try {
      appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [lost]);
    } catch {
      continue;
    } finally {
      import_node_fs9.default.rmSync(claimed.path, { force: !0 });
    }
    closed.push(`${recording.paneId || name} (rec ${recording.id})`);
  }
  return closed;
}

// src/commands/toggle.ts
var READER_START_TIMEOUT_MS = 3e3;
function running(pid) {
  try {
    return process.kill(pid, 0), !0;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function readTarget(tmux, invocation) {
  let state = readPane(tmux, invocation.pane || process.env.TMUX_PANE || ""), alive = state.recording !== "" && state.piped && livingReader(state.runFile) !== void 0;
  return { state, alive };
}
function launch(tmux, state, invocation, by) {
  state.recording !== "" && closeLostRecording(tmux, state);
  let { options, warnings } = resolveOptions(state.options, process.env), pluginDir = import_node_path12.default.dirname(import_node_path12.default.dirname(import_node_fs10.default.realpathSync(process.argv[1]))), plan = planStart({
    state,
    options,
    warnings,
    dirExists: import_node_fs10.default.existsSync(options.dir),
    id: nanoid(10),
    username: import_node_os3.default.userInfo().username,
    clients: tmux.clientsOf(state.sessionId),
    clientUser: invocation.clientUser,
    by,
    node: process.execPath,
    // The bundle (dist/audit.cjs) that is running now.
    bundle: import_node_fs10.default.realpathSync(process.argv[1]),
    integrated: tmux.registeredShells(state.paneId).some(running),
    pluginDir,
    shipped: (file) => import_node_fs10.default.existsSync(import_node_path12.default.join(pluginDir, file))
  });
  try {
    import_node_fs10.default.closeSync(openAppend(plan.file));
  } catch (error) {
    throw cannotWrite(plan.file, error);
  }
  let { seed, rowsAbove } = plan.seedAt ? tmux.screenBeforeCursor(state.paneId, plan.seedAt.x, plan.seedAt.y) : { seed: "", rowsAbove: tmux.visibleRows(state.paneId) }, history = plan.seedAt && options.history ? { time: Date.now(), rows: tmux.rowsAbove(state.paneId, plan.seedAt.y, options.historyLines) } : void 0;
  return writeRecording(plan.runFile, { ...plan.recording, seed, rowsAbove, ...history && history.rows.length > 0 ? { history } : {} }), tmux.startPipe(state.paneId, plan.command, plan.recording.id, plan.runFile), plan;
}
function settledTarget(tmux, invocation) {
  let shadows = [], read2 = () => {
    let target2 = readTarget(tmux, invocation);
    return shadows.push(...target2.state.shadows), target2;
  }, target = read2(), { state } = target;
  if (target.alive || !state.piped) return { ...target, autoStarted: !1, shadows };
  let pane = import_node_path12.default.join(resolveOptions(state.options, process.env).options.dir, ".run", paneRunStem(state.serverPid, state.paneId)), starting2 = () => [...paneReaders(pane, state.socket, state.paneId), ...state.recording === "" ? shellsRunning(autoShellMark(state.socket, state.paneId)) : []];
  if (starting2().length === 0) return { ...target, autoStarted: !1, shadows };
  let unmarked = state.recording === "", deadline = Date.now() + READER_START_TIMEOUT_MS;
  for (; ; ) {
    if (sleep(20), target = read2(), target.alive) return { ...target, autoStarted: unmarked, shadows };
    if (starting2().length === 0) return { ...target, autoStarted: !1, shadows };
    if (Date.now() > deadline) {
      if (unmarked) throw new AuditError(`${state.paneId} is still being started by auto-start; try again in a moment`);
      return { ...target, autoStarted: !1, shadows };
    }
  }
}
function readerStarted(tmux, paneId, plan, deadline) {
  for (let round = 0; livingReader(plan.runFile) === void 0; round++) {
    let over = Date.now() > deadline;
    if (over || round % 10 === 9) {
      let marked = tmux.paneRecording(paneId);
      if (marked !== "" && marked !== plan.recording.id)
        return removeRunFiles(plan.runFile, plan.recording.id), "superseded";
    }
    if (over)
      return tmux.stopPipe(paneId, plan.recording.id), removeRunFiles(plan.runFile, plan.recording.id), "failed";
    sleep(20);
  }
  return "started";
}
function start(verb, tmux, state, invocation) {
  let plan = launch(tmux, state, invocation), outcome = readerStarted(tmux, state.paneId, plan, Date.now() + READER_START_TIMEOUT_MS);
  if (outcome === "failed") throw new AuditError(plan.readerFailed);
  if (outcome === "superseded") {
    let { recording } = readTarget(tmux, invocation).state;
    return verb === "start" && chooseAction(verb, { paneId: state.paneId, recording }, !0), [`${state.paneId} is logged already: another start (rec ${recording})`];
  }
  return plan.hinted && tmux.markShellHinted(), plan.messages;
}
function stop(tmux, state, alive, invocation) {
  let by = asker(invocation.clientUser, import_node_os3.default.userInfo().username), plan = planStop(state, alive, by), request = plan.requestStopBy, { stopped, said = [] } = request === void 0 ? { stopped: tmux.stopPipe(state.paneId, state.recording, by) } : stopsByNonce(state.runFile) ? stopByNonce(tmux, state, request) : { stopped: stopOlder(tmux, state, request) };
  return alive || closeLostRecording(tmux, state), stopped ? [...plan.messages, ...said] : [stopOvertaken(state, readTarget(tmux, invocation).state.recording), ...said];
}
function stopsByNonce(runFile) {
  try {
    return readRecording(runFile).stops !== void 0;
  } catch {
    return !0;
  }
}
var ENDING_SIGNALS = ["SIGTERM", "SIGHUP", "SIGINT"];
function stopByNonce(tmux, state, by) {
  let nonce = (0, import_node_crypto10.randomBytes)(16).toString("hex"), ignore = () => {
  };
  for (let signal of ENDING_SIGNALS) process.on(signal, ignore);
  let stopped = !1, said = [];
  try {
    requestToggleStop(state.runFile, nonce, { by, pid: process.pid });
    try {
      let step = tmux.stopPipeOwn(state.paneId, state.recording, by, nonce);
      stopped = step.stopped, said.push(...shadowsRemoved(step.shadows));
    } finally {
      (stopped ? confirmToggleStop : withdrawToggleStop)(state.runFile, nonce);
    }
  } finally {
    for (let signal of ENDING_SIGNALS) process.off(signal, ignore);
  }
  return { stopped, said };
}
function shadowsRemoved(shadows) {
  return shadows.map((line3) => {
    let [name, ...value] = line3.split(" ");
    return `removed the server option ${name} (${value.join(" ")}): someone set it (set -s), and tmux reads it before the pane's own, which would have misled the status line, starts and stops`;
  });
}
function stopOlder(tmux, state, by) {
  requestStop(state.runFile, { by });
  let stopped = tmux.stopPipe(state.paneId, state.recording, by);
  return !stopped && livingReader(state.runFile) === void 0 && withdrawStopRequest(state.runFile), stopped;
}
function perform(verb, tmux, given) {
  let asking = askingClient(tmux, given.client);
  if (asking?.readOnly) throw new AuditError(`${asking.user}'s client ${asking.name} is read-only: it cannot start or stop logging`);
  let invocation = { pane: given.pane, clientUser: asking?.user }, { state, alive, autoStarted, shadows } = settledTarget(tmux, invocation), removed = shadowsRemoved(shadows);
  if (verb === "toggle" && autoStarted) return { messages: [...removed, `${state.paneId} is logged already: auto-start (rec ${state.recording})`], version: state.version };
  let messages = chooseAction(verb, state, alive) === "start" ? start(verb, tmux, state, invocation) : stop(tmux, state, alive, invocation);
  return { messages: [...removed, ...messages], version: state.version };
}
function toggleLogging(tmux, invocation) {
  return perform("toggle", tmux, invocation);
}
function startLogging(tmux, invocation) {
  return perform("start", tmux, invocation);
}
function stopLogging(tmux, invocation) {
  return perform("stop", tmux, invocation);
}

// src/commands/status.ts
function describeLogging(tmux, invocation) {
  let { state, alive } = readTarget(tmux, invocation), live = alive ? { recording: readRecording(state.runFile), pid: livingReader(state.runFile) } : void 0;
  return { messages: [describePane(state, live)], version: state.version };
}

// src/commands/notes.ts
function noteToReader(pane, name, fields) {
  let id;
  try {
    id = readRecording(pane.runFile).id;
  } catch {
    return !1;
  }
  if (id !== pane.recording) return !1;
  let until = inboxDeadline ??= Date.now() + INBOX_WAIT_MS;
  for (; ; ) {
    let pid = livingReader(pane.runFile);
    if (pid === void 0) return !1;
    try {
      if (sendNote(pane.runFile, id, pid, { name, fields })) return !0;
    } catch {
      return !1;
    }
    if (Date.now() >= until) return !1;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}
var INBOX_WAIT_MS = 2e3, inboxDeadline;

// src/commands/renamed.ts
function noteRename(tmux, session) {
  let { panes } = tmux.loggedPanes(session);
  for (let pane of panes) noteToReader(pane, "rename", {});
  return { messages: [], version: "" };
}
function noteWindowRename(tmux, window) {
  let { panes } = tmux.loggedPanes(void 0, window);
  for (let pane of panes) noteToReader(pane, "window-rename", {});
  return { messages: [], version: "" };
}

// src/commands/died.ts
var import_node_child_process2 = require("node:child_process"), import_node_fs11 = __nodeBuiltin(require("node:fs"));
function paneDied(tmux, paneId, status) {
  let { state, alive } = readTarget(tmux, { pane: paneId }), pid = alive ? livingReader(state.runFile) : void 0;
  return pid === void 0 ? { messages: [], version: state.version } : (requestStop(state.runFile, { reason: "pane-exited", status: status || void 0 }), process.kill(pid, "SIGUSR1"), state.recording && rearmIfAuto(tmux, paneId, state.recording, state.runFile), { messages: [], version: state.version });
}
function rearmIfAuto(tmux, paneId, recording, runFile) {
  if (!autoOn(tmux.globalOption(OPTIONS.auto.name))) return;
  let script = rearmScript(process.execPath, import_node_fs11.default.realpathSync(process.argv[1]), tmux.socketPath(), paneId, recording, runFile);
  (0, import_node_child_process2.spawn)("/bin/sh", ["-c", script], { detached: !0, stdio: "ignore" }).unref();
}

// src/core/clients.ts
function clientFields(client) {
  return {
    client: client.name,
    user: client.user || void 0,
    term: client.term || void 0,
    size: client.width && client.height ? `${client.width}x${client.height}` : void 0,
    readonly: client.readOnly ? "yes" : "no",
    from: client.from || void 0
  };
}
function sshFrom(value) {
  let address = value?.trim().split(/\s+/)[0];
  return address && /^[0-9A-Fa-f.:]{2,45}$/.test(address) ? address : void 0;
}
function environValue(environ, name) {
  for (let entry of environ.split("\0")) if (entry.startsWith(`${name}=`)) return entry.slice(name.length + 1);
}
function remember(table, client, entry) {
  let rows = table.split(`
`).filter((row) => row.split("	").length === 3 && row.split("	")[0] !== client);
  return entry && !/[\t\n]/.test(client + entry.sessionId + entry.user) && rows.push([client, entry.sessionId, entry.user].join("	")), rows.join(`
`);
}
function remembered(table, client) {
  for (let row of table.split(`
`)) {
    let [name, sessionId, user] = row.split("	");
    if (name === client && sessionId !== void 0 && user !== void 0) return { sessionId, user };
  }
}

// src/tmux/client-facts.ts
var import_node_fs12 = __nodeBuiltin(require("node:fs"));
var CLIENT_FORMATS = ["client_name", "client_user", "client_pid", "client_termname", "client_width", "client_height", "client_flags", "session_id", "session_name"];
function ownerOf(pid) {
  try {
    let uid = /^Uid:\s+(\d+)/m.exec(import_node_fs12.default.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return import_node_fs12.default.readFileSync("/etc/passwd", "utf8").split(`
`).find((line3) => line3.split(":")[2] === uid)?.split(":")[0] ?? uid ?? "";
  } catch {
    return "";
  }
}
function remoteOf(pid) {
  try {
    return sshFrom(environValue(import_node_fs12.default.readFileSync(`/proc/${pid}/environ`, "utf8"), "SSH_CONNECTION"));
  } catch {
    return;
  }
}
function clientRow(rows, name, separator) {
  for (let row of rows) {
    let [client, user = "", pid = "", term = "", width = "", height = "", flags = "", sessionId = "", session = ""] = row.split(separator);
    if (client === name)
      return { name, user: user || ownerOf(pid), term, width, height, readOnly: flags.split(",").includes("read-only"), from: remoteOf(pid), sessionId, session };
  }
}
function clientOption(name) {
  return `@audit_client_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
}

// src/commands/clients.ts
function findClient(tmux, name) {
  let rows = tmux.run(["list-clients", "-F", CLIENT_FORMATS.map((format2) => `#{${format2}}`).join(FIELD_SEPARATOR)]);
  return clientRow(rows.split(`
`), name, FIELD_SEPARATOR);
}
function tellSession(tmux, sessionId, name, fields, only) {
  let panes;
  try {
    panes = tmux.loggedPanes(sessionId).panes;
  } catch {
    return;
  }
  for (let pane of panes) (!only || only.has(pane.recording) || startNamed(pane.runFile, fields.client)) && noteToReader(pane, name, fields);
}
function startNamed(runFile, client) {
  if (typeof client != "string") return !1;
  let listed2;
  try {
    listed2 = readRecording(runFile).context?.clients;
  } catch {
    return !1;
  }
  return typeof listed2 == "string" && listed2.split(",").some((each) => each === client || each.startsWith(`${client}(`));
}
function noteClient(tmux, what, clientName, recordings) {
  let option = clientOption(clientName), before2 = remembered(tmux.globalOption(option), clientName);
  if (what === "detach")
    return tmux.run(["set-option", "-g", option, remember("", clientName, before2 && { sessionId: "", user: before2.user })]), before2?.sessionId && tellSession(tmux, before2.sessionId, "detach", { client: clientName }, recordings), { messages: [], version: "" };
  let client = findClient(tmux, clientName);
  return client ? (tmux.run(["set-option", "-g", option, remember("", clientName, { sessionId: client.sessionId, user: client.user })]), before2?.sessionId ? before2.sessionId !== client.sessionId && (tellSession(tmux, before2.sessionId, "switch", { client: client.name }), tellSession(tmux, client.sessionId, "switch", { client: client.name, from: before2.sessionId })) : tellSession(tmux, client.sessionId, "attach", { client: client.name }), { messages: [], version: "" }) : { messages: [], version: "" };
}

// src/commands/history.ts
var import_node_os4 = __nodeBuiltin(require("node:os"));

// src/core/history.ts
var import_node_path13 = __nodeBuiltin(require("node:path"));

// src/pipeline/redact-lines.ts
var PLACE = { server: "", session: "", window: "", pane: "", paneId: "" };
function redactLines(lines, extra = []) {
  let redactor = new Redactor({ extra, maxLineChars: Number.POSITIVE_INFINITY }), out = [], next = (record) => {
    out.push(record.text);
  };
  for (let text2 of lines) redactor.push({ time: 0, rec: "", user: "", place: PLACE, kind: "line", text: text2 }, next);
  return redactor.settle(next), { lines: out, count: redactor.count };
}

// src/core/history.ts
function historyPath(logFile, paneId, time) {
  let stamp = time.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return import_node_path13.default.join(import_node_path13.default.dirname(logFile), `${import_node_path13.default.basename(logFile, ".log")}.${paneId.replace(/^%/, "pane")}.${stamp}.history.txt`);
}
function historyText(facts) {
  let raw = facts.captured.replace(/\n$/, "").split(`
`).map((row) => row.replace(/\s+$/, "")), redacted = 0;
  facts.redact && ({ lines: raw, count: redacted } = redactLines(raw, facts.redact));
  let rows = raw.map(escapeText);
  for (; rows.length > 0 && rows[rows.length - 1] === ""; ) rows.pop();
  return { text: `${[`# tmux-audit: history of ${escapeText(facts.place)} (${facts.paneId}) captured ${facts.time.toISOString()} by ${escapeText(facts.by)}, ${rows.length} lines${redacted ? `, ${redacted} secrets redacted` : ""}`, ...rows].join(`
`)}
`, lines: rows.length, redacted };
}

// src/commands/history.ts
var import_node_path14 = __nodeBuiltin(require("node:path"));
function saveHistory(tmux, invocation) {
  let state = readPane(tmux, invocation.pane || process.env.TMUX_PANE || ""), { options } = resolveOptions(state.options, process.env), time = /* @__PURE__ */ new Date(), captured = tmux.run(["capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", state.paneId]), { text: text2, lines, redacted } = historyText({
    place: `${state.session}:${state.window}.${state.pane}`,
    paneId: state.paneId,
    by: asker(invocation.clientUser, import_node_os4.default.userInfo().username),
    time,
    captured,
    // The log's rules: what the log would hide is not left in a file beside it (the patterns were checked by resolveOptions).
    redact: options.redact ? parseExtraPatterns(options.redactPatterns) : void 0
  }), file = historyPath(sessionLogPath(options.dir, state.session, state.socket), state.paneId, time);
  return ensurePrivateDir(import_node_path14.default.dirname(file)), writePrivateFile(file, text2), { messages: [`saved ${lines} lines of ${state.paneId}${redacted ? ` (${redacted} secrets redacted)` : ""} \u2192 ${file}`], version: state.version };
}

// src/commands/auto.ts
var import_node_fs24 = __nodeBuiltin(require("node:fs")), import_node_os7 = __nodeBuiltin(require("node:os"));

// src/commands/pipe.ts
var import_node_fs23 = __nodeBuiltin(require("node:fs"));

// src/capture/actor-gate.ts
var ActorGate = class {
  constructor(options) {
    this.options = options;
  }
  options;
  lastInput = Number.NEGATIVE_INFINITY;
  lastAsked = Number.NEGATIVE_INFINITY;
  /** Numbers the questions: an answer older than one already used is stale. */
  asked = 0;
  answered = 0;
  /** The question whose answer the held reads wait for (0: nothing held). */
  holdFor = 0;
  held = [];
  heldBytes = 0;
  closed = !1;
  /** A read from the pane (valid during the call only, as the input gives it). */
  push(chunk) {
    let now = this.options.now(), quiet = now - this.lastInput >= 150;
    if (this.lastInput = now, this.holdFor !== 0) return this.keep(chunk);
    if (quiet)
      return this.holdFor = this.ask(now), this.keep(chunk);
    now - this.lastAsked >= 1e3 && this.ask(now), this.options.deliver(chunk);
  }
  /** Something for what comes after the gate (a size learnt: commands/pipe.ts): now, or after the reads held before it. */
  inOrder(action) {
    if (this.holdFor === 0) return action();
    this.held.push(action);
  }
  /** Asks without holding anything (a timer: clients come and go without output). */
  poll() {
    !this.closed && this.answered === this.asked && this.ask();
  }
  /** End of input: what is held goes on now, and later answers are ignored (the recording is closing). */
  close() {
    this.release(), this.closed = !0;
  }
  keep(chunk) {
    this.held.push(Buffer.from(chunk)), this.heldBytes += chunk.length, this.heldBytes > 1048576 && this.release();
  }
  release() {
    this.holdFor = 0;
    let held2 = this.held;
    this.held = [], this.heldBytes = 0;
    for (let item of held2)
      typeof item == "function" ? item() : this.options.deliver(item);
  }
  /** `printedAt`: when the read that asks came (ms, the clock's); none for a poll. */
  ask(printedAt) {
    let number2 = ++this.asked;
    return this.lastAsked = this.options.now(), this.options.ask((snapshot) => {
      this.closed || number2 <= this.answered || (this.answered = number2, snapshot && this.options.tracker.update(snapshot, printedAt === void 0 ? void 0 : Math.floor(printedAt / 1e3)), this.holdFor !== 0 && number2 >= this.holdFor && this.release());
    }), number2;
  }
};

// src/capture/actor.ts
function listed(clients) {
  return clients.length === 0 ? void 0 : clients.map((client) => `${client.user}@${client.name}`).join(" ");
}
function typistOf(option, clients, printedAt) {
  if (!option.startsWith("?")) {
    let client2 = clients.find((each) => each.name === option);
    return client2 && { client: client2, uncertain: !1 };
  }
  let [name, namedByHook, activity] = option.slice(1).split(" "), client = clients.find((each) => each.name === name);
  if (!client) return;
  let arrived = namedByHook === name && /^\d+$/.test(activity ?? "") ? Number(activity) : client.created;
  if (client.activity > arrived) return { client, uncertain: !1 };
  if (client.activity === arrived && printedAt === arrived) return { client, uncertain: !0 };
}
var ActorTracker = class {
  /**
   * `emit` gets the events; `acting` the user to stamp from now on (called only on a change).
   * The owner acts until a client of someone else is known to have typed.
   */
  constructor(owner, emit, acting) {
    this.owner = owner;
    this.emit = emit;
    this.acting = acting;
    this.actorUser = owner.user;
  }
  owner;
  emit;
  acting;
  actorUser;
  /** The last clients event's list, and whether anyone but the owner was in it. */
  clientsKey = "";
  shared = !1;
  /** The actor's client, and its last key press (epoch seconds; -Infinity for the owner nobody has seen type). */
  actorClient;
  actorActivity = Number.NEGATIVE_INFINITY;
  get user() {
    return this.actorUser;
  }
  /**
   * A snapshot from tmux. The clients event comes first (a newcomer is listed
   * before it acts); it is said only once someone other than the owner is or
   * was attached, so a log where the owner alone is attached does not change.
   * `printedAt`: epoch seconds of the output that led to the question (none for a poll).
   */
  update(snapshot, printedAt) {
    let clients = [...snapshot.clients], key2 = clients.map((client2) => `${client2.user}\0${client2.uid}\0${client2.name}\0${client2.readOnly}`).join(`
`), shared = clients.some((client2) => client2.uid !== this.owner.uid || client2.user !== this.owner.user);
    if (key2 !== this.clientsKey && (shared || this.shared)) {
      let writers = clients.filter((client2) => !client2.readOnly), watchers = clients.filter((client2) => client2.readOnly);
      this.emit("clients", { count: clients.length, writers: listed(writers), watchers: listed(watchers) });
    }
    this.clientsKey = key2, this.shared = shared;
    let actorClient = clients.find((client2) => client2.name === this.actorClient);
    actorClient && actorClient.user === this.actorUser && (this.actorActivity = Math.max(this.actorActivity, actorClient.activity));
    let typist = typistOf(snapshot.typist, clients, printedAt);
    if (!typist || typist.client.readOnly) return;
    let { client } = typist;
    if (client.user === this.actorUser) {
      this.actorClient = client.name, this.actorActivity = Math.max(this.actorActivity, client.activity);
      return;
    }
    if (client.activity < this.actorActivity) return;
    let uncertain = typist.uncertain || client.activity === this.actorActivity;
    this.actorUser = client.user, this.actorClient = client.name, this.actorActivity = client.activity, this.acting(client.user), this.emit("actor", { user: client.user, uid: client.uid, client: client.name, uncertain: uncertain ? "yes" : void 0 });
  }
};

// src/pipeline/hold.ts
var Hold = class {
  holders = 0;
  /** Bumped when the hold lets go on its own: releases of holds taken before then are void. */
  generation = 0;
  held = [];
  heldChars = 0;
  settleNow = () => {
  };
  /**
   * Holds what follows; the function returned lets go of this hold (once:
   * calling it again does nothing). When no hold is left, what was held goes
   * on at once.
   */
  hold() {
    this.holders++;
    let generation = this.generation, released = !1;
    return () => {
      released || generation !== this.generation || (released = !0, --this.holders === 0 && this.settleNow());
    };
  }
  /** Rewrites the text of what is held (and the string fields of held events): a secret learnt late is blanked in what came before it. */
  rewrite(change) {
    for (let i = 0; i < this.held.length; i++) {
      let record = this.held[i];
      if (record.kind !== "event") {
        this.held[i] = { ...record, text: change(record.text) };
        continue;
      }
      if (!record.fields) continue;
      let fields = record.fields;
      for (let [key2, value] of Object.entries(fields)) typeof value == "string" && (fields[key2] = change(value));
    }
  }
  get holding() {
    return this.holders > 0;
  }
  push(record, next) {
    if (this.holders === 0) return next(record);
    if (this.held.push(record.kind === "event" ? record : { ...record }), this.heldChars += record.text.length, record.fields) for (let value of Object.values(record.fields)) typeof value == "string" && (this.heldChars += value.length);
    this.heldChars > 4194304 && (this.holders = 0, this.generation++, this.settleNow());
  }
  connect(settle2) {
    this.settleNow = settle2;
  }
  settle(next) {
    if (this.holders > 0) return;
    let held2 = this.held;
    this.held = [], this.heldChars = 0;
    for (let record of held2) next(record);
  }
  /** The recording ends: every hold is let go (their releases are void), and the next settle passes on what was held. */
  close() {
    this.holders = 0, this.generation++;
  }
};

// src/terminal/gone-lines.ts
var GoneLines = class {
  bytes = Buffer.allocUnsafe(16384);
  /** Bytes used in `bytes`. */
  used = 0;
  /** Where each line starts in `bytes` (its text, then the text of each of its rows, if kept row by row). */
  starts = new Int32Array(256);
  /** Code units of each line's text. */
  lengths = new Int32Array(256);
  /** The rows each line took as a number (see hybrid.ts aboveRows), or -1 - k: its k rows follow its text. */
  counts = new Int32Array(256);
  /** Where each line's rows start in `rowLengths`. */
  rowsAt = new Int32Array(256);
  /** Code units of each row kept, line after line. */
  rowLengths = new Int32Array(256);
  rowsUsed = 0;
  /** The weight each line counts for (hybrid.ts goneWeight), summed in `weight`. */
  weights = new Int32Array(256);
  length = 0;
  weight = 0;
  push(text2, rows, weight) {
    let n = this.length;
    n === this.starts.length && (this.starts = grow(this.starts), this.lengths = grow(this.lengths), this.counts = grow(this.counts), this.rowsAt = grow(this.rowsAt), this.weights = grow(this.weights));
    let size2 = text2.length * 2;
    if (typeof rows != "number") {
      for (let k = 0; k < rows.length; k++) size2 += rows[k].length * 2;
      for (; this.rowsUsed + rows.length > this.rowLengths.length; ) this.rowLengths = grow(this.rowLengths);
    }
    if (this.used + size2 > this.bytes.length) {
      let bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + size2));
      this.bytes.copy(bigger, 0, 0, this.used), this.bytes = bigger;
    }
    if (this.starts[n] = this.used, this.used += this.bytes.write(text2, this.used, "utf16le"), this.lengths[n] = text2.length, this.rowsAt[n] = this.rowsUsed, typeof rows == "number") this.counts[n] = rows;
    else {
      this.counts[n] = -1 - rows.length;
      for (let k = 0; k < rows.length; k++)
        this.used += this.bytes.write(rows[k], this.used, "utf16le"), this.rowLengths[this.rowsUsed++] = rows[k].length;
    }
    this.weights[n] = weight, this.weight += weight, this.length = n + 1;
  }
  text(i) {
    let start2 = this.starts[i];
    return this.bytes.toString("utf16le", start2, start2 + 2 * this.lengths[i]);
  }
  rows(i) {
    let count = this.counts[i];
    if (count >= 0) return count;
    let rows = [], at = this.starts[i] + 2 * this.lengths[i];
    for (let k = this.rowsAt[i], end = k - 1 - count; k < end; k++) {
      let size2 = 2 * this.rowLengths[k];
      rows.push(this.bytes.toString("utf16le", at, at + size2)), at += size2;
    }
    return rows;
  }
  lineWeight(i) {
    return this.weights[i];
  }
  /** Drops the oldest `drop` lines. */
  dropOldest(drop) {
    if (drop <= 0) return;
    if (drop >= this.length) return this.clear();
    let from = this.starts[drop];
    if (this.used -= from, this.bytes.length > 1 << 20 && this.used < this.bytes.length >> 2) {
      let smaller = Buffer.allocUnsafe(Math.max(16384, this.used * 2));
      this.bytes.copy(smaller, 0, from, from + this.used), this.bytes = smaller;
    } else this.bytes.copyWithin(0, from, from + this.used);
    let rowsFrom = this.rowsAt[drop];
    this.rowLengths.copyWithin(0, rowsFrom, this.rowsUsed), this.rowsUsed -= rowsFrom;
    for (let i = drop; i < this.length; i++)
      this.starts[i - drop] = this.starts[i] - from, this.rowsAt[i - drop] = this.rowsAt[i] - rowsFrom;
    this.lengths.copyWithin(0, drop, this.length), this.counts.copyWithin(0, drop, this.length);
    for (let i = 0; i < drop; i++) this.weight -= this.weights[i];
    this.weights.copyWithin(0, drop, this.length), this.length -= drop;
  }
  clear() {
    this.length = this.used = this.weight = this.rowsUsed = 0, this.bytes.length > 1 << 20 && (this.bytes = Buffer.allocUnsafe(16384));
  }
};
function grow(array) {
  let bigger = new Int32Array(array.length * 2);
  return bigger.set(array), bigger;
}

// src/terminal/grid.ts
function logTextOf(rows, first, last) {
  let text2 = "";
  for (let y = first; y <= last; y++) {
    let row = rows[y];
    text2 += row.text(y === last ? Math.max(row.end(), Math.min(row.printed, row.used)) : row.used);
  }
  return /^ *$/.test(text2) ? "" : text2;
}
var NO_EVENTS = { scrolled() {
}, erasing() {
}, switching() {
} }, SPACE = 32, PADDING = 0, EXTRA = 56320, TAB3 = 9, ZWJ2 = 8205, UTF8_SIZE = 21, HISTORY_ROWS = 512, LF3 = 10, CR3 = 13, BS3 = 8;
function param(value, min, fallback) {
  return value < 0 ? fallback : value < min ? min : value;
}
function utf8Length(text2) {
  let bytes = 0;
  for (let i = 0; i < text2.length; i++) {
    let unit = text2.charCodeAt(i);
    unit < 128 ? bytes += 1 : unit < 2048 ? bytes += 2 : unit >= 55296 && unit <= 56319 ? (bytes += 4, i++) : bytes += 3;
  }
  return bytes;
}
var BMP_WIDTHS = new Uint8Array(65536);
function widthOf(codePoint) {
  if (codePoint < 768) return 1;
  if (codePoint > 65535) return cellWidth(codePoint);
  let known2 = BMP_WIDTHS[codePoint];
  if (known2 !== 0) return known2 - 1;
  let width = cellWidth(codePoint);
  return BMP_WIDTHS[codePoint] = width + 1, width;
}
function extraWidth(text2) {
  return widthOf(text2.codePointAt(0));
}
var Row2 = class {
  cells;
  /** Cells in use (tmux's cellused): the row's text ends here. */
  used = 0;
  /**
   * Cells printed to, lowered by an erase that reaches it: the log keeps the
   * blanks a program printed at the end of a line (a prompt's `$ `), as the
   * line model does, but not those an erase left (EL after CUB, Ctrl-L's
   * redraw). tmux has no such mark: cellused stays where EL leaves it
   * (grid_clear, grid.c:597), and capture-pane trims every trailing blank.
   */
  printed = 0;
  /** Holds padding or extra cells: text takes the slow path. */
  complex = !1;
  extras = null;
  /** Text the screen gives no cell, before the first (see ScreenGrid.attach). */
  lead = "";
  /** Continues onto the next row (tmux's GRID_LINE_WRAPPED, set on the row that wrapped). */
  wraps = !1;
  /** Has cells allocated (tmux's cellsize > 0): EL 2 on a row without is a no-op (screen-write.c:1191). */
  touched = !1;
  id;
  version;
  /** When the row's text last changed (not its position): a row that only scrolled keeps this. */
  written;
  /** When DECALN last filled the row (-1: never): it still shows only that while `written` is this. */
  alignedAt = -1;
  constructor(columns, id, version) {
    this.cells = new Uint16Array(columns).fill(SPACE), this.id = id, this.version = version, this.written = version;
  }
  /** Empties the row (grid_empty_line). */
  empty() {
    this.used > 0 && this.cells.fill(SPACE, 0, this.used), this.used = 0, this.printed = 0, this.complex = !1, this.extras = null, this.lead = "", this.wraps = !1, this.touched = !1, this.alignedAt = -1;
  }
  /** Text up to `end` cells, padding skipped. */
  text(end) {
    if (end === 0) return this.lead;
    let cells2 = this.cells;
    if (!this.complex) return this.lead + String.fromCharCode.apply(null, cells2.subarray(0, end));
    let out = this.lead;
    for (let x = 0; x < end; x++) {
      let cell = cells2[x];
      cell !== PADDING && (out += cell === EXTRA ? this.extras[x] : String.fromCharCode(cell));
    }
    return out;
  }
  /** Cells up to the last that is not blank. */
  end() {
    let end = this.used;
    for (; end > 0 && this.cells[end - 1] === SPACE; ) end--;
    return end;
  }
  /** The text of cell `x` (for moves and reflow). */
  cellText(x) {
    let cell = this.cells[x];
    return cell === EXTRA ? this.extras[x] : cell === PADDING ? "" : String.fromCharCode(cell);
  }
  /** Cells cell `x` takes (0 for padding). */
  cellWidth(x) {
    let cell = this.cells[x];
    return cell === PADDING ? 0 : cell === EXTRA ? extraWidth(this.extras[x]) : widthOf(cell);
  }
  setExtra(x, text2) {
    this.cells[x] = EXTRA, (this.extras ??= [])[x] = text2, this.complex = !0;
  }
  resize(columns) {
    if (columns === this.cells.length) return;
    let cells2 = new Uint16Array(columns).fill(SPACE);
    cells2.set(this.cells.subarray(0, Math.min(columns, this.cells.length))), this.cells = cells2, this.used > columns && (this.used = columns), this.printed > columns && (this.printed = columns), this.extras !== null && this.extras.length > columns && (this.extras.length = columns);
  }
}, ScreenGrid = class {
  constructor(columns, rows, events = NO_EVENTS) {
    this.events = events;
    this.sx = Math.max(1, columns | 0), this.sy = Math.max(1, rows | 0), this.rlower = this.sy - 1, this.rowList = [];
    for (let y = 0; y < this.sy; y++) this.rowList.push(this.freshRow());
  }
  events;
  sx;
  sy;
  rowList;
  cx = 0;
  cy = 0;
  rupper = 0;
  rlower;
  alternateOn = !1;
  /** The normal screen's rows and size while the alternate screen is up (tmux's saved_grid). */
  savedRows = null;
  savedSx = 0;
  savedSy = 0;
  /** Cursor saved by 1049 (saved_cx/saved_cy; -1 until first set, as UINT_MAX in screen.c:112). */
  altSavedX = -1;
  altSavedY = -1;
  /** DECSC/SCOSC position: in tmux's input context, shared by both screens, 0,0 until saved (input.c:770). */
  savedX = 0;
  savedY = 0;
  /** Origin mode (DECOM): rows of CUP and VPA count from the scroll region's top (screen-write.c:1274). */
  origin = !1;
  /** IRM: a character printed pushes the cells from the cursor on right first (screen-write.c:1875). */
  insert = !1;
  /**
   * Autowrap (DECAWM, MODE_WRAP): off, a character at the last column stays
   * there and the next one overwrites it (screen-write.c:1955-1959), and a
   * wide character that does not fit is dropped (:1869).
   */
  autowrap = !0;
  /** Tab stops, one set for both screens (see tab-stops.ts); the hybrid shares its own with the line model. */
  tabs = new TabStops();
  savedOrigin = !1;
  /** A zero-width joiner was printed: the next non-ASCII character combines (screen-write.c:1828). */
  joiner = !1;
  /** The wrapped flag of the last line in history: the row above row 0 (grid.c:656 clears it). */
  aboveWraps = !1;
  /**
   * Rows scrolled into history, a ring of at most HISTORY_ROWS (oldest at
   * `historyStart`), and how many tmux would pull back (hscrolled).
   */
  historyRing = [];
  historyStart = 0;
  scrolledBack = 0;
  /** The alternate screen's rows, kept between switches so that flapping costs no allocation. */
  altRows = null;
  spare = [];
  nextId = 1;
  epoch = 1;
  /**
   * When rows last changed which line they belong to without being written
   * (a wrapped flag cleared, rows moved apart by IL/DL/SU/SD/RI or a
   * region's scroll): a row split off a line is a line of its own, though
   * no cell of it changed (see reshapedSince).
   */
  reshaped = 0;
  // ------------------------------------------------------------ reading
  get columns() {
    return this.sx;
  }
  get rows() {
    return this.sy;
  }
  /** Cursor column: `columns` when a character just filled the last one (tmux's pending wrap). */
  get cursorX() {
    return this.cx;
  }
  get cursorY() {
    return this.cy;
  }
  get pendingWrap() {
    return this.cx >= this.sx;
  }
  get alternate() {
    return this.alternateOn;
  }
  get scrollRegion() {
    return [this.rupper, this.rlower];
  }
  /**
   * Row `y`'s text, each character once (a wide one takes two cells),
   * trailing blanks trimmed; untrimmed, it runs to the last cell written, as
   * `capture-pane -J` joins a row that wraps.
   */
  rowText(y, trim = !0) {
    let row = this.rowList[y];
    return row.text(trim ? row.end() : row.used);
  }
  /** Row `y` holds nothing: no cell used, no text before the first (a row come in blank, or emptied). */
  blank(y) {
    let row = this.rowList[y];
    return row.used === 0 && row.lead === "";
  }
  /** Row `y` continues the row above it (for row 0: the last row that went into history). */
  continued(y) {
    return y === 0 ? this.aboveWraps : this.rowList[y - 1].wraps;
  }
  /**
   * The text of the rows in history that row 0 continues (a line wrapped
   * across the screen's top), oldest first; '' if row 0 starts its line.
   * tmux's capture-pane -J joins them (grid_string_cells follows
   * GRID_LINE_WRAPPED back into history, grid.c:1044).
   */
  historyHead() {
    if (!this.aboveWraps || this.alternateOn) return "";
    let ring = this.historyRing, text2 = "";
    for (let k = ring.length - 1; k >= 0; k--) {
      let row = ring[(this.historyStart + k) % ring.length];
      if (k < ring.length - 1 && !row.wraps) break;
      text2 = row.text(row.used) + text2;
    }
    return text2;
  }
  /** Row `y` continues onto the next row (the last row can: below a scroll region tmux wraps a row onto itself, screen-write.c:1334). */
  wraps(y) {
    return this.rowList[y]?.wraps === !0;
  }
  /**
   * The line row `y` holds: a row moved by scrolling or line insertion keeps
   * its id, a row that comes in blank (or is blanked by ED) gets a new one.
   */
  rowId(y) {
    return this.rowList[y]?.id ?? 0;
  }
  /** When row `y`'s text (or whether it wraps) last changed, as a `mark()` count; moving it (scrolling, IL/DL) does not count. */
  rowWritten(y) {
    return this.rowList[y].written;
  }
  /** A moment: rows changed after it (content or position) are `changedSince` it. */
  mark() {
    return this.epoch++;
  }
  /**
   * Rows may belong to other lines than at `mark` though their text was not
   * written since (see `reshaped`): a reader that logs lines must look at
   * every row, not only those written.
   */
  reshapedSince(mark) {
    return this.reshaped > mark;
  }
  /** Rows changed since `mark`, top to bottom. */
  changedSince(mark) {
    let out = [];
    for (let y = 0; y < this.sy; y++) this.rowList[y].version > mark && out.push(y);
    return out;
  }
  /** First and last rows of the wrapped group holding row `y`. */
  lineBounds(y) {
    let first = y;
    for (; first > 0 && this.rowList[first - 1].wraps; ) first--;
    let last = y;
    for (; last < this.sy - 1 && this.rowList[last].wraps; ) last++;
    return [first, last];
  }
  /** The logical line rows `first`..`last` hold, joined as `capture-pane -J` joins them, trailing blanks trimmed. */
  joinedText(first, last) {
    let text2 = "";
    for (let y = first; y <= last; y++) {
      let row = this.rowList[y];
      text2 += row.text(y === last ? row.end() : row.used);
    }
    let end = text2.length;
    for (; end > 0 && text2.charCodeAt(end - 1) === SPACE; ) end--;
    return end === text2.length ? text2 : text2.slice(0, end);
  }
  /**
   * The logical line rows `first`..`last` hold, for the log: joined as
   * `joinedText`, the last row's trailing blanks kept up to where they were
   * printed (see Row.printed), unless it holds only blanks; text is never
   * cut short of its last non-blank.
   */
  logText(first, last) {
    return logTextOf(this.rowList, first, last);
  }
  /**
   * While the alternate screen is up: the logical line of the saved normal
   * screen holding row `id`, as logText gives it, and the id of its first
   * row; undefined if no such row (what the log keeps of the normal screen
   * when the recording ends before the program leaves).
   */
  normalLine(id) {
    let rows = this.savedRows;
    if (rows === null) return;
    let y = rows.findIndex((row) => row.id === id);
    if (y < 0) return;
    let first = y;
    for (; first > 0 && rows[first - 1].wraps; ) first--;
    let last = y;
    for (; last < rows.length - 1 && rows[last].wraps; ) last++;
    return { text: logTextOf(rows, first, last), first: rows[first].id };
  }
  /** The screen as `capture-pane -p -J` shows it, one entry per logical line, trailing blanks trimmed. */
  lines() {
    let out = [];
    for (let y = 0; y < this.sy; ) {
      let last = y;
      for (; last < this.sy - 1 && this.rowList[last].wraps; ) last++;
      out.push(this.joinedText(y, last)), y = last + 1;
    }
    return out;
  }
  /** Tab stops kept with another model (the hybrid's line model): HTS on one moves TAB on both, as on tmux's one screen. */
  useTabStops(tabs) {
    this.tabs = tabs;
  }
  // ------------------------------------------------------------ seeding and size
  /**
   * Fills the screen from text already on it (the reader's `capture-pane -p`
   * at start: one string per row), with the cursor, and optionally which rows
   * continue the row above. Text past the width is cut.
   */
  seed(rows, cursorX, cursorY, continued) {
    for (let y = 0; y < this.sy; y++) {
      let row = this.rowList[y];
      row.empty(), this.touch(row);
    }
    this.aboveWraps = continued?.[0] === !0;
    let ring = this.historyRing;
    ring.length > 0 && (ring[(this.historyStart + ring.length - 1) % ring.length].wraps = this.aboveWraps);
    for (let y = 0; y < this.sy && y < rows.length; y++)
      this.cy = y, this.cx = 0, this.writeSeedRow(rows[y]), y > 0 && continued?.[y] === !0 && (this.rowList[y - 1].wraps = !0);
    this.cx = Math.min(Math.max(0, cursorX | 0), this.sx), this.cy = Math.min(Math.max(0, cursorY | 0), this.sy - 1), this.joiner = !1;
  }
  /**
   * Rows that scrolled into tmux's history while another model had the
   * stream (the hybrid's line model), oldest first, after those already kept;
   * `scrolled`: how many rows tmux's hscrolled grew by meanwhile (each LF at
   * the bottom, grid.c:400), `reset`: the whole screen was cleared into
   * history meanwhile (hscrolled = 0, grid-view.c:92). A pane made taller
   * pulls back exactly these (screen.c:373): without them it pulled rows the
   * screen had shown long before, or blanks where tmux shows text.
   */
  appendHistory(rows, continued, scrolled, reset) {
    if (this.alternateOn) return;
    let saved = this.rowList, { cx, cy, joiner } = this, ring = this.historyRing;
    try {
      for (let y = 0; y < rows.length; y++) {
        continued[y] === !0 && ring.length > 0 && (ring[(this.historyStart + ring.length - 1) % ring.length].wraps = !0);
        let row = this.freshRow();
        this.rowList = [row], this.cx = this.cy = 0, this.writeSeedRow(rows[y]), this.pushHistory(row, !1);
      }
    } finally {
      this.rowList = saved, this.cx = cx, this.cy = cy, this.joiner = joiner;
    }
    let back = (reset ? 0 : this.scrolledBack) + Math.max(0, scrolled);
    this.scrolledBack = Math.min(back, HISTORY_ROWS, ring.length);
  }
  /** One seeded row's text at the cursor's row, from column 0. */
  writeSeedRow(text2) {
    if (typeof text2 != "string") {
      this.seedCells(text2);
      return;
    }
    let joiner = !1;
    for (let i = 0; i < text2.length; i++) {
      let code = text2.charCodeAt(i);
      if (code >= 55296 && code <= 56319 && i + 1 < text2.length && (code = text2.codePointAt(i++)), code < 32 || code === 127) continue;
      let width = widthOf(code);
      if (!(width < 0)) {
        if (width === 0 || joiner && code >= 127) {
          joiner = code === ZWJ2, this.combine(code);
          continue;
        }
        if (this.cx + width > this.sx) break;
        this.put(code, width);
      }
    }
  }
  /** One row from a line model's cells: each cell's first character takes its cells, what is combined onto it stays with it. */
  seedCells({ lead, cells: cells2 }) {
    let row = this.rowList[this.cy], wide = !1;
    for (let cell of cells2) {
      let over = wide && cell !== "\0";
      if (wide = !1, cell === "\0") continue;
      if (over && this.cx--, cell === "") {
        this.cx++;
        continue;
      }
      let code = cell.codePointAt(0), width = widthOf(code);
      if (width <= 0 || code < 32 || code === 127) {
        this.attach(cell);
        continue;
      }
      if (this.cx + width > this.sx) break;
      let x = this.cx;
      this.put(code, width, !over), wide = width === 2;
      let size2 = code > 65535 ? 2 : 1;
      cell.length > size2 && row.setExtra(x, row.cellText(x) + cell.slice(size2));
    }
    row.lead = lead;
  }
  /**
   * Text the screen gives no cell (Perform.unshown: escaped bytes tmux does not
   * show), kept with the cell left of the cursor as a combining mark is
   * (screen-write.c:1981), or before the row's first cell: the screen never
   * shows it, the log keeps it.
   */
  attach(text2) {
    let row = this.rowList[this.cy], x = Math.min(this.cx, this.sx) - 1;
    for (; x >= 0 && row.cells[x] === PADDING; ) x--;
    x < 0 ? row.lead += text2 : (row.setExtra(x, row.cellText(x) + text2), x >= row.used && (row.used = x + 1), x >= row.printed && (row.printed = x + 1)), row.touched = !0, row.version = row.written = this.epoch;
  }
  /** The pane's new size, applied as tmux does (screen.c:257): the normal screen is reflowed, the alternate one is not. */
  resize(columns, rows) {
    columns = Math.max(1, columns | 0), rows = Math.max(1, rows | 0), !(columns === this.sx && rows === this.sy) && this.resizeTo(columns, rows, !this.alternateOn);
  }
  // ------------------------------------------------------------ Perform
  print(text2) {
    let n = text2.length;
    for (let i = 0; i < n; i++) {
      let code = text2.charCodeAt(i);
      if (code >= 32 && code < 127) {
        this.insert && this.insertCharacters(1);
        let cx = this.cx;
        if (cx >= this.sx) {
          if (!this.autowrap) continue;
          this.linefeed(!0), cx = this.cx = 0;
        }
        let row = this.rowList[this.cy];
        row.complex && this.clearWideAround(row, cx, 1, !this.insert && this.autowrap), row.cells[cx] = code, cx >= row.used && (row.used = cx + 1), cx >= row.printed && (row.printed = cx + 1), row.touched = !0, row.version = row.written = this.epoch, this.cx = this.autowrap || cx + 1 < this.sx ? cx + 1 : cx;
        continue;
      }
      if (code === TAB3) {
        this.tab();
        continue;
      }
      code >= 55296 && code <= 56319 && i + 1 < n && (code = text2.codePointAt(i++)), this.printWide(code);
    }
  }
  execute(control) {
    control === LF3 ? this.linefeed(!1) : control === CR3 ? this.cx = 0 : control === BS3 && this.backspace();
  }
  csi(final, first, second) {
    switch (final) {
      case 65 /* CursorUp */:
        this.cursorUp(param(first, 1, 1));
        break;
      case 66 /* CursorDown */:
        this.clampRow(this.cy + param(first, 1, 1)), this.cursorDown(param(first, 1, 1));
        break;
      case 67 /* CursorForward */:
        this.clampColumn(Math.min(this.cx, this.sx - 1) + param(first, 1, 1)), this.cx = Math.min(this.cx + param(first, 1, 1), this.sx - 1);
        break;
      case 68 /* CursorBackward */:
        this.cx -= Math.min(param(first, 1, 1), this.cx);
        break;
      case 69 /* CursorNextLine */:
        this.clampRow(this.cy + param(first, 1, 1)), this.cx = 0, this.cursorDown(param(first, 1, 1));
        break;
      case 70 /* CursorPrecedingLine */:
        this.cx = 0, this.cursorUp(param(first, 1, 1));
        break;
      case 71 /* CursorColumn */:
      case 96 /* CursorColumnAbsolute */:
        this.clampColumn(param(first, 1, 1) - 1), this.cx = Math.min(param(first, 1, 1) - 1, this.sx - 1);
        break;
      case 100 /* CursorRow */:
        this.clampRow(param(first, 1, 1) - 1 + (this.origin ? this.rupper : 0)), this.cy = this.originRow(param(first, 1, 1) - 1);
        break;
      case 72 /* CursorPosition */:
      case 102 /* CursorPositionHvp */:
        this.clampRow(param(first, 1, 1) - 1 + (this.origin ? this.rupper : 0)) || this.clampColumn(param(second, 1, 1) - 1), this.cy = this.originRow(param(first, 1, 1) - 1), this.cx = Math.min(param(second, 1, 1) - 1, this.sx - 1);
        break;
      case 90 /* CursorBackwardTab */:
        this.cx = this.tabs.previous(Math.min(this.cx, this.sx - 1), param(first, 1, 1));
        break;
      case 103 /* TabClear */: {
        let mode = param(first, 0, 0);
        mode === 0 ? this.tabs.clear(this.cx, this.sx) : mode === 3 && this.tabs.clearAll();
        break;
      }
      case 74 /* EraseInDisplay */: {
        let mode = param(first, 0, 0);
        mode === 0 ? this.clearEndOfScreen() : mode === 1 ? this.clearStartOfScreen() : mode === 2 ? this.clearScreen() : mode === 3 && param(second, 0, 0) === 0 && this.clearHistory();
        break;
      }
      case 75 /* EraseInLine */: {
        let mode = param(first, 0, 0);
        mode === 0 ? this.clearEndOfLine() : mode === 1 ? this.clearStartOfLine() : mode === 2 && this.clearLine();
        break;
      }
      case 64 /* InsertCharacters */:
        this.insertCharacters(param(first, 1, 1));
        break;
      case 80 /* DeleteCharacters */:
        this.deleteCharacters(param(first, 1, 1));
        break;
      case 88 /* EraseCharacters */:
        this.eraseCharacters(param(first, 1, 1));
        break;
      case 98 /* Repeat */:
        this.repeat(second >= 32 && second < 127 ? second : -1, param(first, 1, 1));
        break;
      case 76 /* InsertLines */:
        this.insertLines(param(first, 1, 1));
        break;
      case 77 /* DeleteLines */:
        this.deleteLines(param(first, 1, 1));
        break;
      case 83 /* ScrollUp */:
        this.scrollRegionUp(Math.min(param(first, 1, 1), this.rlower - this.rupper + 1));
        break;
      case 84 /* ScrollDown */: {
        let n = Math.min(param(first, 1, 1), this.rlower - this.rupper + 1);
        this.events.erasing(this.rlower - n + 1, this.rlower), this.scrollRegionDown(n);
        break;
      }
      case 114 /* ScrollRegion */:
        this.setScrollRegion(param(first, 1, 1) - 1, param(second, 1, this.sy) - 1);
        break;
      case 115 /* SaveCursor */:
        this.saveCursor();
        break;
      case 117 /* RestoreCursor */:
        this.restoreCursor();
        break;
    }
  }
  esc(final) {
    switch (final) {
      case 55 /* SaveCursor */:
        this.saveCursor();
        break;
      case 56 /* RestoreCursor */:
        this.restoreCursor();
        break;
      case 68 /* Index */:
        this.linefeed(!1);
        break;
      case 69 /* NextLine */:
        this.cx = 0, this.linefeed(!1);
        break;
      case 77 /* ReverseIndex */:
        this.cy === this.rupper ? (this.events.erasing(this.rlower, this.rlower), this.scrollRegionDown(1)) : this.cy > 0 && this.cy--;
        break;
      case 99 /* Reset */:
        this.reset();
        break;
      case 72 /* TabSet */:
        this.tabs.set(this.cx, this.sx);
        break;
      case 184 /* Alignment */:
        this.alignmentTest();
        break;
    }
  }
  /**
   * DECALN (screen_write_alignmenttest, screen-write.c:977): every cell of the
   * screen set to E (grid_view_set_cell: rows keep their wrapped flags), the
   * cursor to the top left corner, the scroll region the whole screen.
   */
  alignmentTest() {
    this.events.erasing(0, this.sy - 1, !0);
    let at = this.epoch;
    for (let row of this.rowList)
      row.cells.fill(69), row.used = row.printed = this.sx, row.complex = !1, row.extras = null, row.lead = "", row.touched = !0, row.version = row.written = row.alignedAt = at;
    this.epoch++, this.cx = this.cy = 0, this.rupper = 0, this.rlower = this.sy - 1;
  }
  /** Row `y` holds only what DECALN filled it with, not written since: text three bytes in can print a screenful (see hybrid.ts settleGroup). */
  aligned(y) {
    let row = this.rowList[y];
    return row.written === row.alignedAt;
  }
  /**
   * 1049, 1047 and 47: tmux's screen_alternate_on/off (screen.c:580, :605);
   * only 1049 saves and restores the cursor (input.c:1817-1823).
   */
  screen(alternate, mode) {
    alternate ? this.alternateOnScreen(mode === 1049) : this.alternateOffScreen(mode === 1049);
  }
  osc() {
  }
  /** IRM (input.c:1651, :1740) and DECAWM (input.c:1687, :1777); the other modes reach the model through the hybrid (setOrigin) or not at all. */
  mode(mode, set) {
    mode === 4 /* Insert */ ? this.insert = set : mode === 65543 /* Autowrap */ && (this.autowrap = set);
  }
  // ------------------------------------------------------------ writing cells
  /** A character that is not ASCII: screen_write_cell (screen-write.c:1811). */
  printWide(code) {
    if (code === ZWJ2) {
      this.joiner = !0;
      return;
    }
    let width = widthOf(code);
    if (width < 0) {
      this.alternateOn || this.attach(String.fromCodePoint(code));
      return;
    }
    if (this.joiner && this.combine(ZWJ2), width === 0 || this.joiner) {
      this.joiner = !1, this.combine(code);
      return;
    }
    !this.autowrap && width > 1 && (width > this.sx || this.cx !== this.sx && this.cx > this.sx - width) || (this.insert && this.insertCharacters(width), this.autowrap && this.cx > this.sx - width && (this.linefeed(!0), this.cx = 0), !(this.cx > this.sx - width) && (this.put(code, width), !this.autowrap && this.cx > this.sx - 1 && (this.cx = this.sx - 1)));
  }
  /** Writes one character of `width` cells at the cursor and moves past it (no wrapping here); `clear`: a wide character it writes over half of is blanked. */
  put(code, width, clear = !0) {
    let row = this.rowList[this.cy], cx = this.cx;
    row.complex && clear && this.clearWideAround(row, cx, width), code > 65535 ? row.setExtra(cx, String.fromCodePoint(code)) : row.cells[cx] = code, width === 2 && (row.cells[cx + 1] = PADDING, row.complex = !0), cx + width > row.used && (row.used = cx + width), cx + width > row.printed && (row.printed = cx + width), row.touched = !0, row.version = row.written = this.epoch, this.cx = cx + width;
  }
  /**
   * Overwriting part of a wide character blanks the rest of it
   * (screen-write.c:1731, :2034): padding back to the character at `x`, and
   * padding after the cells written.
   */
  clearWideAround(row, x, width, collected = !1) {
    let cells2 = row.cells;
    if (cells2[x] === PADDING) {
      let xx = x;
      for (; xx > 0 && cells2[xx] === PADDING; ) cells2[xx--] = SPACE;
      !(collected && xx === 0) && cells2[xx] !== PADDING && row.cellWidth(xx) > 1 && (cells2[xx] = SPACE);
    }
    for (let xx = x + width; xx < this.sx && cells2[xx] === PADDING; xx++) cells2[xx] = SPACE;
  }
  /** A zero-width character joins the character left of the cursor (screen_write_combine, screen-write.c:1981). */
  combine(code) {
    let row = this.rowList[this.cy], x = Math.min(this.cx, this.sx) - 1;
    for (; x >= 0 && row.cells[x] === PADDING; ) x--;
    if (x < 0) return;
    let before2 = row.cellText(x), added = String.fromCodePoint(code);
    utf8Length(before2) + utf8Length(added) > UTF8_SIZE || (row.setExtra(x, before2 + added), x >= row.used && (row.used = x + 1), x >= row.printed && (row.printed = x + 1), row.touched = !0, row.version = row.written = this.epoch);
  }
  repeat(last, count) {
    let n = Math.min(count, this.sx - this.cx);
    if (last < 0 || n <= 0) return;
    let text2 = String.fromCharCode(last).repeat(n);
    this.print(text2);
  }
  tab() {
    this.cx >= this.sx - 1 || (this.cx = this.tabs.next(this.cx, this.sx - 1));
  }
  backspace() {
    if (this.cx === 0) {
      if (this.cy === 0) return;
      this.rowList[this.cy - 1].wraps && (this.cy--, this.cx = this.sx - 1);
    } else this.cx = Math.min(this.cx - 1, this.sx - 1);
  }
  // ------------------------------------------------------------ cursor
  cursorUp(n) {
    let cy = this.cy;
    n = Math.min(n, cy < this.rupper ? cy : cy - this.rupper), this.cx === this.sx && this.cx--, this.cy = cy - n;
  }
  cursorDown(n) {
    let cy = this.cy;
    if (n = Math.min(n, cy > this.rlower ? this.sy - 1 - cy : this.rlower - cy), this.cx === this.sx) this.cx--;
    else if (n === 0) return;
    this.cy = cy + n;
  }
  /** Row `y` was asked for: past the last row, the move stops short (see ScreenEvents.clamped). */
  clampRow(y) {
    return y <= this.sy - 1 ? !1 : (this.events.clamped?.(), !0);
  }
  /** Column `x` was asked for: past the last column, the move stops short. */
  clampColumn(x) {
    x > this.sx - 1 && this.events.clamped?.();
  }
  saveCursor() {
    this.savedX = this.cx, this.savedY = this.cy, this.savedOrigin = this.origin;
  }
  /** Row `y` of CUP or VPA on the screen: in origin mode, of the scroll region, kept in it (screen_write_cursormove, screen-write.c:1274). */
  originRow(y) {
    return this.origin && (y = y > this.rlower - this.rupper ? this.rlower : y + this.rupper), Math.min(y, this.sy - 1);
  }
  /** DECOM set or reset: the cursor goes home, the region's top when set (input.c:1683, :1773); `home` false: the mode only (seeding). */
  setOrigin(set, home) {
    this.origin = set, home && (this.cx = 0, this.cy = this.originRow(0));
  }
  restoreCursor() {
    this.origin = this.savedOrigin, this.cx = Math.min(this.savedX, this.sx - 1), this.cy = Math.min(this.savedY, this.sy - 1);
  }
  setScrollRegion(upper, lower) {
    upper = Math.min(upper, this.sy - 1), lower = Math.min(lower, this.sy - 1), !(upper >= lower) && (this.cx = 0, this.cy = 0, this.rupper = upper, this.rlower = lower);
  }
  // ------------------------------------------------------------ lines
  linefeed(wrapped) {
    let cy = this.cy;
    if (wrapped) {
      let row = this.rowList[cy];
      row.wraps = !0, row.written = this.epoch;
    }
    cy === this.rlower ? this.scrollRegionUp(1) : cy < this.sy - 1 && (this.cy = cy + 1);
  }
  /**
   * `n` times grid_view_scroll_region_up (grid-view.c:103), done at once: the
   * top row of the region goes into history on the normal screen, each
   * reported before it leaves.
   */
  scrollRegionUp(n) {
    let { rupper, rlower } = this, rows = this.rowList, size2 = rlower - rupper + 1;
    if (!this.alternateOn) {
      (rupper !== 0 || rlower !== this.sy - 1) && (this.reshaped = this.epoch);
      for (let i = 0; i < n; i++) {
        this.events.scrolled(rupper + i, !0);
        let gone = rows[rupper + i];
        this.aboveWraps = gone.wraps, this.pushHistory(gone);
      }
      for (let y = rupper; y + n <= rlower; y++) rows[y] = rows[y + n];
      for (let y = rlower - n + 1; y <= rlower; y++) rows[y] = this.freshRow();
      for (let y = rupper; y <= rlower; y++) rows[y].version = this.epoch;
      return;
    }
    if (size2 !== 1) {
      for (let i = 0; i < n; i++) this.events.scrolled(rupper + i, !1);
      this.shiftRegion(-n);
    }
  }
  /** `n` times grid_view_scroll_region_down (grid-view.c:120), rows pushed off the bottom lost. */
  scrollRegionDown(n) {
    let size2 = this.rlower - this.rupper + 1;
    size2 > 1 && this.shiftRegion(Math.min(n, size2));
  }
  /**
   * Rows of the scroll region moved by `by` (up if negative), those pushed out
   * lost, blank ones coming in. Wrapped flags as `|by|` single moves of
   * grid_move_lines leave them: the row above the region no longer wraps,
   * nor, going down, the row that was at the top.
   */
  shiftRegion(by) {
    let { rupper, rlower } = this, rows = this.rowList, epoch = this.epoch, n = Math.abs(by);
    if (this.reshaped = epoch, by < 0) {
      for (let y = rupper; y < rupper + n; y++) this.recycle(rows[y]);
      for (let y = rupper; y + n <= rlower; y++) (rows[y] = rows[y + n]).version = epoch;
      for (let y = rlower - n + 1; y <= rlower; y++) rows[y] = this.freshRow();
    } else {
      for (let y = rlower - n + 1; y <= rlower; y++) this.recycle(rows[y]);
      for (let y = rlower; y - n >= rupper; y--) (rows[y] = rows[y - n]).version = epoch;
      for (let y = rupper; y < rupper + n; y++) rows[y] = this.freshRow();
      rupper + n <= rlower && rows[rupper + n].wraps && (rows[rupper + n].wraps = !1, rows[rupper + n].written = epoch, rupper + n + 1 < this.sy && (rows[rupper + n + 1].written = epoch));
    }
    this.rowAboveClear(rupper);
  }
  insertLines(n) {
    let cy = this.cy;
    if (cy < this.rupper || cy > this.rlower) {
      if (n = Math.min(n, this.sy - cy), n === 0 || this.sy - cy - n === 0) return;
      this.events.erasing(this.sy - n, this.sy - 1), this.moveLines(cy + n, cy, this.sy - cy - n);
      return;
    }
    if (n = Math.min(n, this.rlower + 1 - cy), n === 0) return;
    this.events.erasing(this.rlower - n + 1, this.rlower);
    let kept = this.rlower + 1 - cy - n;
    this.moveLines(cy + n, cy, kept), kept < n && this.clearLines(cy + kept, n - kept, !0), this.clearTailFlag(cy, kept, n);
  }
  deleteLines(n) {
    let cy = this.cy, bottom = cy < this.rupper || cy > this.rlower ? this.sy - 1 : this.rlower;
    if (n = Math.min(n, bottom + 1 - cy), n === 0) return;
    this.events.erasing(cy, cy + n - 1);
    let kept = bottom + 1 - cy - n;
    this.moveLines(cy, cy + n, kept), kept < n && this.clearLines(cy + kept, n - kept, !0), this.clearTailFlag(cy, kept, n);
  }
  /**
   * grid-view.c:160 and :197 follow the move with grid_clear of `n - kept`
   * rows; when that is negative, the unsigned count wraps and grid_clear_lines
   * clears no row but still the wrapped flag of the row above its start
   * (grid.c:655), the last row kept. Copied so that `-J` joins as tmux does.
   */
  clearTailFlag(cy, kept, n) {
    let row = kept > 0 && kept !== n ? this.rowList[cy + kept - 1] : void 0;
    row?.wraps && (row.wraps = !1, row.written = this.reshaped = this.epoch);
  }
  /**
   * grid_move_lines (grid.c:662): rows `py`..`py+n-1` to `dy`..; rows they
   * replace are lost, rows they leave come in blank; the wrapped flag of the
   * row above the destination, and above the source if it is left, is cleared.
   */
  moveLines(dy, py, n) {
    if (n === 0 || py === dy) return;
    let rows = this.rowList, epoch = this.epoch;
    this.reshaped = epoch;
    let up = dy < py;
    for (let y = up ? dy : Math.max(dy, py + n), end = up ? Math.min(py, dy + n) : dy + n; y < end; y++) this.recycle(rows[y]);
    if (this.rowAboveClear(dy), up)
      for (let i = 0; i < n; i++) (rows[dy + i] = rows[py + i]).version = epoch;
    else for (let i = n - 1; i >= 0; i--) (rows[dy + i] = rows[py + i]).version = epoch;
    for (let y = up ? Math.max(py, dy + n) : py, end = up ? py + n : Math.min(dy, py + n); y < end; y++) rows[y] = this.freshRow();
    (py < dy || py >= dy + n) && this.rowAboveClear(py);
  }
  /** grid_clear_lines (grid.c:640): rows emptied, the row above no longer wraps into them. */
  clearLines(py, n, renew) {
    for (let y = py; y < py + n; y++)
      if (renew)
        this.recycle(this.rowList[y]), this.rowList[y] = this.freshRow();
      else {
        let row = this.rowList[y];
        row.wraps && y + 1 < this.sy && (this.rowList[y + 1].written = this.reshaped = this.epoch), row.empty(), row.version = row.written = this.epoch;
      }
    this.rowAboveClear(py);
  }
  rowAboveClear(y) {
    if (y > 0) {
      let row = this.rowList[y - 1];
      row.wraps && (row.wraps = !1, row.written = this.reshaped = this.epoch);
    } else this.aboveWraps = !1;
  }
  // ------------------------------------------------------------ erasing
  /** Cells `x`..`x+n-1` of row `y` blanked (grid_clear, grid.c:597): a whole row is emptied as by grid_clear_lines. */
  clearCells(y, x, n) {
    if (n <= 0) return;
    if (x === 0 && n >= this.sx) {
      this.clearLines(y, 1, !1);
      return;
    }
    let row = this.rowList[y], end = Math.min(x + n, row.used);
    x >= end || (row.cells.fill(SPACE, x, end), end >= row.printed && x < row.printed && (row.printed = x), row.version = row.written = this.epoch);
  }
  clearLine() {
    this.rowList[this.cy].touched && this.clearCells(this.cy, 0, this.sx);
  }
  clearEndOfLine() {
    if (this.cx === 0) return this.clearLine();
    let row = this.rowList[this.cy];
    this.cx > this.sx - 1 || this.cx >= row.used || this.clearCells(this.cy, this.cx, this.sx - this.cx);
  }
  clearStartOfLine() {
    if (this.cx >= this.sx - 1) return this.clearLine();
    this.clearCells(this.cy, 0, this.cx + 1);
  }
  clearEndOfScreen() {
    if (this.cx === 0 && this.cy === 0 && !this.alternateOn) return this.clearIntoHistory();
    this.events.erasing(this.cy, this.sy - 1, !0), this.cx <= this.sx - 1 && this.clearCells(this.cy, this.cx, this.sx - this.cx), this.cy + 1 < this.sy && this.clearLines(this.cy + 1, this.sy - this.cy - 1, !0);
  }
  clearStartOfScreen() {
    this.events.erasing(0, this.cy, !0), this.cy > 0 && this.clearLines(0, this.cy, !0), this.cx > this.sx - 1 ? this.clearCells(this.cy, 0, this.sx) : this.clearCells(this.cy, 0, this.cx + 1);
  }
  clearScreen() {
    if (!this.alternateOn) return this.clearIntoHistory();
    this.events.erasing(0, this.sy - 1), this.clearLines(0, this.sy, !0);
  }
  /** grid_view_clear_history (grid-view.c:66): rows down to the last used one scroll into history, the rest are blanked. */
  clearIntoHistory() {
    let last = 0;
    for (let y = 0; y < this.sy; y++) this.rowList[y].used !== 0 && (last = y + 1);
    if (last === 0) {
      this.clearLines(0, this.sy, !0);
      return;
    }
    let rows = this.rowList;
    for (let i = 0; i < last; i++) this.events.scrolled(i, !0);
    for (let i = 0; i < last; i++) {
      let gone = rows.shift();
      rows.push(this.freshRow()), this.aboveWraps = gone.wraps, this.pushHistory(gone);
    }
    for (let row of rows) row.version = this.epoch;
    last < this.sy && this.clearLines(0, this.sy - last, !0), this.scrolledBack = 0;
  }
  clearHistory() {
    for (let row of this.historyRing) this.recycle(row);
    this.history = [], this.scrolledBack = 0, this.aboveWraps = !1;
  }
  insertCharacters(n) {
    let cx = this.cx;
    if (n = Math.min(n, this.sx - cx), n <= 0 || cx > this.sx - 1) return;
    if (cx >= this.sx - 1) return this.clearCells(this.cy, cx, 1);
    let row = this.rowList[this.cy];
    row.printed > cx && (row.printed = Math.min(row.printed + n, this.sx)), this.moveCells(cx + n, cx, this.sx - cx - n);
  }
  deleteCharacters(n) {
    let cx = this.cx;
    if (n = Math.min(n, this.sx - cx), n <= 0 || cx > this.sx - 1) return;
    let kept = this.sx - cx - n, row = this.rowList[this.cy];
    row.printed > cx && (row.printed = Math.max(cx, row.printed - n)), kept > 0 && this.moveCells(cx, cx + n, kept), this.clearCells(this.cy, this.sx - n, n);
  }
  eraseCharacters(n) {
    n = Math.min(n, this.sx - this.cx), !(n <= 0 || this.cx > this.sx - 1) && this.clearCells(this.cy, this.cx, n);
  }
  /** grid_move_cells (grid.c:703): `n` cells from `px` to `dx` on the cursor's row, the cells they leave blanked. */
  moveCells(dx, px, n) {
    if (n === 0 || px === dx) return;
    let row = this.rowList[this.cy], cells2 = row.cells, extras = row.extras;
    if (cells2.copyWithin(dx, px, px + n), extras !== null) {
      let moved = extras.slice(px, px + n);
      for (let i = 0; i < n; i++) extras[dx + i] = moved[i];
    }
    dx + n > row.used && (row.used = dx + n);
    for (let x = px; x < px + n; x++) (x < dx || x >= dx + n) && (cells2[x] = SPACE);
    row.touched = !0, row.version = row.written = this.epoch;
  }
  // ------------------------------------------------------------ screens
  reset() {
    this.savedX = 0, this.savedY = 0, this.origin = this.savedOrigin = !1, this.tabs.reset(), this.insert = !1, this.autowrap = !0, this.rupper = 0, this.rlower = this.sy - 1, this.cx = 0, this.cy = 0, this.joiner = !1, this.clearScreen(), this.cx = 0, this.cy = 0;
  }
  alternateOnScreen(cursor) {
    if (this.savedRows !== null) return;
    this.events.switching(!0), this.savedRows = this.rowList, this.savedSx = this.sx, this.savedSy = this.sy, cursor && (this.altSavedX = this.cx, this.altSavedY = this.cy);
    let rows = this.altRows;
    if (rows === null || rows.length !== this.sy) {
      if (rows !== null) for (let row of rows) this.recycle(row);
      rows = [];
      for (let y = 0; y < this.sy; y++) rows.push(this.freshRow());
    } else
      for (let row of rows)
        row.empty(), row.resize(this.sx), row.id = this.nextId++, row.version = row.written = this.epoch;
    this.altRows = null, this.rowList = rows, this.rowAboveClear(0), this.alternateOn = !0;
  }
  alternateOffScreen(cursor) {
    let saved = this.savedRows;
    if (saved !== null && this.events.switching(!1), cursor && this.altSavedX >= 0 && (this.cx = this.altSavedX, this.cy = this.altSavedY), saved !== null) {
      let sx = this.sx, sy = this.sy;
      this.altRows = this.rowList, this.rowList = saved, this.savedRows = null, this.alternateOn = !1, this.sx = this.savedSx, this.sy = this.savedSy;
      for (let row of saved) row.version = this.epoch;
      (sx !== this.sx || sy !== this.sy) && this.resizeTo(sx, sy, !0);
    }
    this.cx = Math.min(this.cx, this.sx - 1), this.cy = Math.min(this.cy, this.sy - 1);
  }
  // ------------------------------------------------------------ size
  resizeTo(sx, sy, reflow) {
    if (sx === this.sx && (reflow = !1), sy !== this.sy && this.resizeRows(sy), sx !== this.sx) {
      if (this.sx = sx, this.tabs.reset(), reflow) this.reflow();
      else {
        for (let row of this.rowList) row.resize(sx);
        this.cx = Math.min(this.cx, sx - 1);
      }
      for (let row of this.rowList) row.version = this.epoch;
    }
  }
  /** screen_resize_y (screen.c:309). */
  resizeRows(sy) {
    let oldy = this.sy, rows = this.rowList;
    if (sy < oldy) {
      let needed = oldy - sy, available = Math.min(oldy - 1 - this.cy, needed);
      if (available > 0) {
        this.events.erasing(oldy - available, oldy - 1);
        for (let row of rows.splice(oldy - available, available)) this.recycle(row);
        needed -= available;
      }
      if (this.alternateOn) {
        if (needed > 0 && (available = Math.min(this.cy, needed), available > 0)) {
          this.events.erasing(0, available - 1);
          for (let row of rows.splice(0, available)) this.recycle(row);
          this.cy -= available, this.aboveWraps = !1;
        }
      } else {
        for (let i = 0; i < needed; i++) this.events.scrolled(i, !0);
        for (let i = 0; i < needed; i++) {
          let gone = rows.shift();
          this.aboveWraps = gone.wraps, this.pushHistory(gone);
        }
        this.cy -= needed;
      }
    } else {
      let needed = sy - oldy;
      if (!this.alternateOn && this.scrolledBack > 0) {
        let history = this.history, back = Math.min(this.scrolledBack, needed, history.length), pulled = history.splice(history.length - back, back);
        this.history = history, rows.unshift(...pulled), this.scrolledBack -= back, this.cy += back, needed -= back;
        let above = history[history.length - 1];
        this.aboveWraps = above !== void 0 && above.wraps;
      }
      for (let i = 0; i < needed; i++) rows.push(this.freshRow());
    }
    for (; rows.length < sy; ) rows.push(this.freshRow());
    for (let row of rows.splice(sy)) this.recycle(row);
    this.sy = sy, this.cy = Math.min(Math.max(this.cy, 0), sy - 1);
    for (let row of rows) row.version = this.epoch;
    this.rupper = 0, this.rlower = sy - 1;
  }
  /**
   * grid_reflow (grid.c:1305) over the rows kept in history and the screen:
   * each wrapped group joined and cut again at the new width (a wide
   * character that does not fit goes to the next row), the screen being the
   * last rows; the cursor keeps its place in its line (grid.c:1382).
   */
  reflow() {
    let sx = this.sx, all = [...this.history, ...this.rowList], cursorAt = this.history.length + this.cy, out = [], newCursorRow = -1, newCursorX = 0;
    for (let y = 0; y < all.length; ) {
      let last = y;
      for (; last < all.length - 1 && all[last].wraps; ) last++;
      let texts = [], widths = [], cursorOffset = -1;
      for (let yy = y; yy <= last; yy++) {
        let row2 = all[yy];
        yy === cursorAt && (cursorOffset = this.cx >= row2.used ? -2 : texts.length + this.cx);
        for (let x2 = 0; x2 < row2.used; x2++)
          texts.push(row2.cellText(x2)), widths.push(row2.cellWidth(x2));
      }
      let firstOut = out.length, row = this.freshRow();
      out.push(row);
      let x = 0;
      for (let i = 0; i < texts.length; i++) {
        let width = widths[i];
        width > 0 && x + width > sx && (row.wraps = !0, row = this.freshRow(), out.push(row), x = 0), i === cursorOffset && (newCursorRow = out.length - 1, newCursorX = x);
        let text2 = texts[i];
        x >= sx || (width === 0 && text2 === "" ? (row.cells[x] = PADDING, row.complex = !0) : text2.length === 1 ? row.cells[x] = text2.charCodeAt(0) : row.setExtra(x, text2), x++, row.used = x, row.touched = !0);
      }
      cursorOffset === -2 && (newCursorRow = out.length - 1, newCursorX = row.used), last === y && out.length - firstOut === 1 && (out[firstOut].id = all[y].id);
      for (let yy = y; yy <= last; yy++) this.recycle(all[yy]);
      y = last + 1;
    }
    for (; out.length < this.sy; ) out.push(this.freshRow());
    let newHsize = out.length - this.sy, history = out.slice(0, newHsize);
    if (history.length > HISTORY_ROWS) for (let row of history.splice(0, history.length - HISTORY_ROWS)) this.recycle(row);
    this.history = history, this.scrolledBack = Math.min(this.scrolledBack, history.length), this.rowList = out.slice(newHsize);
    let above = history[history.length - 1];
    this.aboveWraps = above !== void 0 && above.wraps, newCursorRow >= newHsize ? (this.cy = newCursorRow - newHsize, this.cx = Math.min(newCursorX, sx)) : (this.cx = 0, this.cy = 0);
  }
  // ------------------------------------------------------------ rows
  freshRow() {
    let row = this.spare.pop();
    return row === void 0 ? new Row2(this.sx, this.nextId++, this.epoch) : (row.resize(this.sx), row.id = this.nextId++, row.version = row.written = this.epoch, row);
  }
  recycle(row) {
    row.empty(), this.spare.length < 64 && this.spare.push(row);
  }
  /** `scrolled`: the row scrolled off (tmux counts it in hscrolled, grid.c:400), not only kept. */
  pushHistory(row, scrolled = !0) {
    let ring = this.historyRing;
    ring.length < HISTORY_ROWS ? ring.push(row) : (this.recycle(ring[this.historyStart]), ring[this.historyStart] = row, this.historyStart = (this.historyStart + 1) % HISTORY_ROWS), scrolled && this.scrolledBack < HISTORY_ROWS && this.scrolledBack++;
  }
  /** The history, oldest first (for resizing). */
  get history() {
    let ring = this.historyRing;
    return this.historyStart === 0 ? ring : [...ring.slice(this.historyStart), ...ring.slice(0, this.historyStart)];
  }
  set history(rows) {
    this.historyRing = rows, this.historyStart = 0;
  }
  touch(row) {
    row.version = row.written = this.epoch;
  }
};

// src/terminal/line-tail.ts
var TAB4 = 9, NOT_PRINTABLE = /[^\x20-\x7e]/g, ZWJ3 = 8205, DEFAULT_TABS = { next: (x, last) => Math.min(last, (Math.floor(x / 8) + 1) * 8) };
function cells(codePoint) {
  return codePoint < 768 ? 1 : Math.max(0, cellWidth(codePoint));
}
function wrapRows(text2, columns, state, starts, base = 0, tabs = DEFAULT_TABS) {
  let used = state.used, joiner = state.joiner;
  for (let i = 0; i < text2.length; ) {
    let codePoint = text2.charCodeAt(i);
    if (codePoint >= 32 && codePoint < 127) {
      NOT_PRINTABLE.lastIndex = i + 1;
      let end = NOT_PRINTABLE.test(text2) ? NOT_PRINTABLE.lastIndex - 1 : text2.length;
      for (; i < end; ) {
        used >= columns && (starts.push(base + i), used = 0);
        let take2 = Math.max(1, Math.min(end - i, columns - used));
        used += take2, i += take2;
      }
      continue;
    }
    if (codePoint === TAB4) {
      used < columns - 1 && (used = tabs.next(used, columns - 1)), i++;
      continue;
    }
    let full = text2.codePointAt(i);
    if (i += full > 65535 ? 2 : 1, full === ZWJ3) {
      joiner = !0;
      continue;
    }
    if (joiner && full >= 127 && cellWidth(full) >= 0) {
      joiner = !1;
      continue;
    }
    let width = cells(full);
    used + width > columns && (starts.push(base + i - (full > 65535 ? 2 : 1)), used = 0), used += width;
  }
  state.used = used, state.joiner = joiner;
}
function lastRows(text2, columns, rows, tabs) {
  let starts = [0];
  return wrapRows(text2, columns, { used: 0, joiner: !1 }, starts, 0, tabs), starts.length <= rows ? text2 : text2.slice(starts[starts.length - rows]);
}
var LineTail = class {
  constructor(tabs = DEFAULT_TABS) {
    this.tabs = tabs;
  }
  tabs;
  /** The text kept: it starts where a row of the whole line starts. */
  text = "";
  starts = [0];
  state = { used: 0, joiner: !1 };
  columns = 0;
  /** Takes `text`, starting a row, as the line so far at `columns` (unless it is the text kept already, at that width). */
  begin(text2, columns) {
    text2 === this.text && columns === this.columns || (this.text = "", this.starts = [0], this.state.used = 0, this.state.joiner = !1, this.columns = columns, this.append(text2, Number.MAX_SAFE_INTEGER));
  }
  /** `piece` carries the line on: the text kept is its last `rows` rows. */
  append(piece, rows) {
    let starts = this.starts;
    wrapRows(piece, this.columns, this.state, starts, this.text.length, this.tabs);
    let text2 = this.text + piece;
    if (starts.length > rows) {
      let drop = starts.length - rows, from = starts[drop];
      text2 = text2.slice(from), starts.splice(0, drop);
      for (let k = 0; k < starts.length; k++) starts[k] = starts[k] - from;
    }
    return this.text = text2, text2;
  }
};

// src/terminal/reflow-claim.ts
function claimedRows(grid, first, cursorRow, editorRow) {
  let ids = [];
  for (let y = Math.max(0, first - (editorRow - cursorRow)); y < first; y++) ids.push(grid.rowId(y));
  return ids;
}
var Claim = class {
  /** Claimed row ids, topmost first. */
  rows = [];
  erased = /* @__PURE__ */ new Set();
  get size() {
    return this.rows.length;
  }
  set(ids) {
    this.rows = ids, this.erased.clear();
  }
  clear() {
    this.rows = [], this.erased.clear();
  }
  has(id) {
    return this.rows.includes(id);
  }
  /** `ESC[K` (EL 0) on row `id` with the cursor at `x`: a claimed row erased whole is ready for the redraw; elsewhere than column 0 it is no redraw of readline's. */
  erase(id, x) {
    if (x !== 0) return this.clear();
    this.has(id) && this.erased.add(id);
  }
  /** The cursor moved up (`ESC M`) onto row `id`: readline's steps only stay within the claimed rows. */
  movedUp(id) {
    this.has(id) || this.clear();
  }
  /** Text is printed at column `x` of row `id`: whether it is the editor's redraw over the claimed rows (then they are the line in progress). Either way the claim ends here. */
  take(id, x) {
    let ok = x === 0 && this.rows[0] === id && this.rows.every((row) => this.erased.has(row));
    return this.clear(), ok;
  }
};

// src/terminal/hybrid.ts
var REDRAW_PER_BYTE = 4, REDRAW_CREDIT_MAX = 64 * 1024, QUIET_MS = 500, DEFAULT_COLUMNS = 80, DEFAULT_ROWS = 24, MAX_COLUMNS = 1e3, MAX_ROWS = 500, LF4 = 10, CR4 = 13, ENGAGING_CSI = new Uint8Array(128);
for (let final of "ABEFHfdJrLMSTsu") ENGAGING_CSI[final.charCodeAt(0)] = 1;
var OVERWRITING_CSI = new Uint8Array(128);
for (let final of "KXP@b") OVERWRITING_CSI[final.charCodeAt(0)] = 1;
var ENGAGING_ESC = new Uint8Array(256);
for (let final of "78DEMc") ENGAGING_ESC[final.charCodeAt(0)] = 1;
ENGAGING_ESC[184 /* Alignment */] = 1;
function rowsOf(text2, columns) {
  return text2.length * 2 <= columns ? 1 : ASCII.test(text2) ? text2.length <= columns ? 1 : Math.ceil(text2.length / columns) : cut(text2, columns).length;
}
var ASCII = /^[\x00-\x7f]*$/;
function expandTabs(text2, columns, tabs) {
  if (!text2.includes("	")) return text2;
  let out = "", x = 0;
  for (let character of text2) {
    let code = character.codePointAt(0);
    if (code === 9) {
      if (x < columns - 1) {
        let to = tabs.next(x, columns - 1);
        out += " ".repeat(to - x), x = to;
      }
      continue;
    }
    let width = code < 768 ? 1 : Math.max(0, cellWidth(code));
    x + width > columns && (x = 0), out += character, x += width;
  }
  return out;
}
function cut(text2, columns) {
  if (text2.length <= columns && /^[\x20-\x7e]*$/.test(text2)) return [text2];
  let rows = [], from = 0, cells2 = 0, joiner = !1;
  for (let i = 0; i < text2.length; ) {
    let codePoint = text2.codePointAt(i), size2 = codePoint > 65535 ? 2 : 1, width = codePoint < 768 ? 1 : cellWidth(codePoint);
    if (codePoint === 8205 || joiner && codePoint >= 127 && width >= 0) {
      joiner = codePoint === 8205, i += size2;
      continue;
    }
    if (width < 0) {
      i += size2;
      continue;
    }
    cells2 + width > columns && (rows.push(text2.slice(from, i)), from = i, cells2 = 0), cells2 += width, i += size2;
  }
  return rows.push(text2.slice(from)), rows;
}
var Hybrid = class {
  constructor(sink, options = {}) {
    this.sink = sink;
    this.lines = new LineAssembler(this, options.columns, options.newlineReturns), this.noAlternateScreen = options.noAlternateScreen ?? !1, this.columns = clamp(options.columns, DEFAULT_COLUMNS, MAX_COLUMNS), this.height = clamp(options.rows, DEFAULT_ROWS, MAX_ROWS), this.sizeAsked(options.columns, options.rows);
  }
  sink;
  lines;
  columns;
  height;
  /** The screen model, once first needed; `engaged` while it, not the line model, takes the stream. */
  grid;
  engaged = !1;
  noAlternateScreen;
  /** The pane's size past the model's last said (`WxH`), or '' (see sizeAsked). */
  clipKey = "";
  /** That size, not said yet: columns, rows. */
  clipPending;
  /** Origin mode (DECOM), for the screen model when it engages. */
  origin = !1;
  /** Insert mode (IRM), for the screen model when it is made. */
  insert = !1;
  /** Autowrap (DECAWM), likewise. */
  autowrap = !0;
  /** The screen model's last move stopped at the edge (see clamped): the line it lands on is logged before it is written. */
  clampedMove = !1;
  // ---- the fast path's picture of the screen, to seed the model from
  /** The last lines logged, oldest first: the rows above the cursor (at most `height` of them). */
  above = [];
  /** The rows each of `above` took on the screen, as the line model saw them (0: not known, counted from the text). */
  aboveRows = [];
  /** The newest of `above` while a long line's pieces come in (see line). */
  tail = new LineTail({ next: (x, last) => this.lines.tabs.next(x, last) });
  /** Code units held in `above`, and how many it may hold before the lines off the screen leave it (see trimAbove). */
  aboveUnits = 0;
  aboveTrimAt = 0;
  /** The cursor's row on the screen, as far as lines tell: where the line in progress is. */
  fastRow = 0;
  /**
   * Lines that left `above` (scrolled into tmux's history) since the screen
   * model last had the stream, oldest first, with their rows as `aboveRows`
   * has them; rows tmux counted as scrolled meanwhile (its hscrolled) and
   * whether the screen was cleared into history (hscrolled = 0). The screen
   * model gets them when it engages: a pane made taller pulls them back.
   */
  goneKept = new GoneLines();
  goneScrolled = 0;
  goneReset = !1;
  /** How many of `gone` were before the last clear (the rows scrolled since come after them, then blank ones). */
  goneCleared = 0;
  // ---- while engaged
  /** Text logged per row id: a row is logged when it has an entry; it changed when its line's text is not that. */
  logged = /* @__PURE__ */ new Map();
  /** When each logged row was logged (a `mark()`): a row not written since is unchanged, no text needed. */
  loggedAt = /* @__PURE__ */ new Map();
  /**
   * Row ids that start a line though the row above wraps into them: the
   * cursor came down by LF into a continuation that held only blanks
   * (see lineFeed). The screen model keeps tmux's flag, as capture-pane -J
   * shows it; the log keeps the lines apart.
   */
  cuts = /* @__PURE__ */ new Set();
  /** Row ids that carry on a line whose start already left the screen as a piece. */
  pieces = /* @__PURE__ */ new Set();
  /** Logged rows a line editor takes back for its line after a reflow (see reflow-claim.ts): text printed there is the line in progress. */
  claimed = new Claim();
  /**
   * The head of the line in progress a reflow put into history (see
   * pendingIntoHistory), not logged yet: it is logged with the row 0 that
   * carries it on (capture-pane -J joins them), or alone once that row no
   * longer does (the line editor erased it to draw the line again).
   */
  headOf;
  /** The row a line feed last led to: the line in progress, dropped when the screen is cleared. */
  pendingId = -1;
  /** Rows written since this mark are looked at by the next settle. */
  settleMark = 0;
  /** The next settle looks at every row never logged too (see settleRows): rows of the line in progress split off it. */
  scanUnlogged = !1;
  /** Something may have changed outside the line in progress since the last settle. */
  dirty = !1;
  /** Line feeds in a row with no vertical addressing between them: a screenful hands back to the fast path. */
  plainRun = 0;
  /** Set while an erase of the display runs: rows about to go are cleared, not scrolled. */
  clearing = !1;
  /** ...and it clears the whole screen (ED 2, ED 0 from home, RIS): the line in progress goes with it, wherever it is. */
  clearingAll = !1;
  /**
   * The unfinished line a clear of the whole screen took away, as the line
   * model keeps it (lines.ts `erased`): written before the next line unless
   * that line is it drawn again (Ctrl-L), and at the end of the stream.
   */
  erased;
  // ---- the alternate screen's block
  inBlock = !1;
  /** The program left; the block ends at the next output, unless it enters again first. */
  leavePending = !1;
  lastFrame = "";
  frameMark = 0;
  gone = [];
  // ---- the redraw budget (see REDRAW_PER_BYTE)
  credit = REDRAW_CREDIT_MAX;
  /** Bytes of the stream the credit has grown by (see consumed). */
  consumedBytes = 0;
  /** The rows held at the last settle (see settleHeld). */
  held = /* @__PURE__ */ new Set();
  /** Row ids whose redraw waits for the timer (out of credit before a line). */
  deferred = /* @__PURE__ */ new Set();
  skippedRedraws = 0;
  skippedChars = 0;
  // ---- a clear loop (see erasedLine)
  /** What the last line logged showed, if it was text a clear took away and nothing was logged since. */
  repeatOf;
  /** Times it was shown and cleared again since. */
  repeats = 0;
  // ---- rows that have stood QUIET_MS (needs the reads' times: Transcript.push's `now`)
  /** Model marks at the start of recent reads, and the reads' times, oldest first from `chunkHead`. */
  chunkMarks = [];
  chunkTimes = [];
  chunkHead = 0;
  /** Rows written at or before this mark have stood at least QUIET_MS (0: none known). */
  quietMark = 0;
  /**
   * The pane's size as tmux gave it: past the model's, it is said once (at the next read: the recording's start comes
   * first), and again at each other size past it.
   */
  sizeAsked(columns, rows) {
    let wide = clamp(columns, 0, 1 / 0), tall = clamp(rows, 0, 1 / 0), key2 = wide > MAX_COLUMNS || tall > MAX_ROWS ? `${wide}x${tall}` : "";
    key2 !== this.clipKey && (this.clipPending = key2 !== "" ? [wide || this.columns, tall || this.height] : void 0), this.clipKey = key2;
  }
  /** Says a pending clip (see sizeAsked). */
  reportClip() {
    let pending = this.clipPending;
    pending && (this.clipPending = void 0, this.sink.clipped?.(pending[0], pending[1]));
  }
  // ------------------------------------------------------------ set-up
  /** The pane's width changed (a resize). */
  setColumns(columns) {
    this.setSize(columns, this.height);
  }
  /** The pane's size changed: both models learn it. */
  setSize(columns, rows) {
    this.sizeAsked(columns, rows), this.reportClip(), !this.engaged && (clamp(columns, this.columns, MAX_COLUMNS) !== this.columns || clamp(rows, this.height, MAX_ROWS) !== this.height) && this.engage(), this.lines.setColumns(columns), this.resize(columns, rows);
  }
  /** The pane's size changed. */
  resize(columns, rows) {
    if (columns = clamp(columns, this.columns, MAX_COLUMNS), rows = clamp(rows, this.height, MAX_ROWS), columns === this.columns && rows === this.height) return;
    this.engaged || this.engage(), this.headOf !== void 0 && this.flushHead(), columns !== this.columns && this.lines.tabs.reset(), this.columns = columns, this.height = rows, this.above = this.above.slice(-rows), this.aboveRows = this.above.map(() => 0), this.countAbove(), this.fastRow = Math.min(this.fastRow, rows - 1);
    let grid = this.grid;
    if (!grid) return;
    if (this.engaged && (this.flushLeave(), !grid.alternate && (this.settleRows(!1, "timer"), grid.columns !== columns))) {
      let [first, last] = this.bounds(grid.cursorY);
      (!this.isPending(first, last) || this.logged.has(grid.rowId(first))) && this.settleGroup(first, last, "timer");
    }
    let [cursorFirst, cursorLast] = this.bounds(grid.cursorY), normal = this.engaged && !grid.alternate, cursorLogged = normal && this.unchanged(cursorFirst, cursorLast), pendingLogged = normal && this.pendingUnchanged(), pending = normal && grid.columns !== columns && this.isPending(cursorFirst, cursorLast) && !this.logged.has(grid.rowId(cursorFirst)), pendingText = pending ? this.lineText(cursorFirst, cursorLast) : "", pendingPiece = pending && this.pieces.has(grid.rowId(cursorFirst)), editorRow = pending ? grid.cursorY - cursorFirst : 0;
    this.claimed.clear(), grid.resize(columns, rows), normal && this.resizedBaseline(cursorLogged, pendingLogged), pendingText !== "" && this.pendingIntoHistory(pendingText, pendingPiece), pending && this.claimAbove(editorRow);
  }
  /**
   * The line in progress was reflowed to fewer rows above the cursor than
   * the line editor counts: on its SIGWINCH, readline moves up the rows it
   * counted at the old width (`ESC M` per row) and draws the line again
   * from there, over rows above it that were logged. Those rows are
   * claimed (reflow-claim.ts): printed on before the line ends, they are
   * the line in progress, not a redraw of what they showed.
   */
  claimAbove(editorRow) {
    let grid = this.grid, [first] = this.bounds(grid.cursorY);
    this.claimed.set(claimedRows(grid, first, grid.cursorY - first, editorRow));
  }
  /** Text is printed on a claimed row (see claimAbove): it is the line in progress from now on; what it showed was logged. */
  takeClaimed() {
    let grid = this.grid, id = grid.rowId(grid.cursorY);
    if (!this.claimed.take(id, grid.cursorX)) return;
    let [first, last] = this.bounds(grid.cursorY);
    if (first === grid.cursorY) {
      for (let y = first; y <= last; y++)
        this.logged.delete(grid.rowId(y)), this.loggedAt.delete(grid.rowId(y));
      this.pendingId = id;
    }
  }
  /**
   * Logs the head a reflow put into history (see headOf): with the line row 0
   * shows if that row still carries it on and was not logged, alone
   * otherwise. While that line is the line in progress (nothing redrew it),
   * the head is logged alone and the line follows it as a piece, as when a
   * long line's top row scrolls off.
   */
  flushHead() {
    let head = this.headOf;
    this.headOf = void 0;
    let grid = this.grid;
    if (grid.rowId(0) === head.id && grid.continued(0) && !this.logged.has(head.id)) {
      let [first, last] = this.bounds(0);
      if (this.isPending(first, last)) {
        this.emit(head.text, head.continued), this.pieces.add(head.id);
        return;
      }
      let text2 = grid.logText(first, last);
      this.emit(head.text + text2, head.continued), this.markLogged(first, last, text2);
      return;
    }
    this.emit(head.text, head.continued);
  }
  /** A line whose first row is `id`, not logged before: with the head a reflow put into history if it carries that on. */
  lineOut(text2, id) {
    let head = this.headOf;
    if (head === void 0) return this.emit(text2, this.pieces.has(id));
    let grid = this.grid;
    if (head.id === id && grid.rowId(0) === id && grid.continued(0))
      return this.headOf = void 0, this.emit(head.text + text2, head.continued);
    this.flushHead(), this.emit(text2, this.pieces.has(id));
  }
  /** The line in progress, if on the screen, was logged and not written since. */
  pendingUnchanged() {
    let grid = this.grid;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowId(y) !== this.pendingId) continue;
      let [first, last] = this.bounds(y);
      return this.unchanged(first, last);
    }
    return !1;
  }
  /**
   * The line in progress was `before` (a piece of a longer one if
   * `continued`) when a reflow took place: if its first rows went into
   * history (row 0 continues a row there), they are logged now, as a piece
   * the rest of it follows, as when they scroll off (see `scrolled`).
   */
  pendingIntoHistory(before2, continued) {
    let grid = this.grid, [first, last] = this.bounds(grid.cursorY);
    if (first !== 0 || !grid.continued(0)) return;
    let after = this.lineText(first, last).replace(/ +$/, ""), head = before2.replace(/ +$/, "");
    after !== "" && after.length < head.length && head.endsWith(after) ? this.headOf = { id: grid.rowId(first), text: head.slice(0, head.length - after.length), continued } : (this.emit(before2, continued), this.markLogged(first, last, after));
  }
  /**
   * After a resize, every row counts as logged but the line in progress and
   * the cursor's line, each unless it was logged: rows below the cursor (an
   * earlier screenful the cursor moved up into) were logged, and are not new
   * lines when the pane changes them next (IL moving them down).
   */
  resizedBaseline(cursorLogged, pendingLogged) {
    let grid = this.grid, pendingY = -1;
    for (let y = 0; y < grid.rows; y++)
      if (grid.rowId(y) === this.pendingId) {
        pendingY = y;
        break;
      }
    let [pendingFirst, pendingLast] = pendingY < 0 ? [-1, -1] : this.bounds(pendingY), [cursorFirst, cursorLast] = this.bounds(grid.cursorY);
    this.logged.clear(), this.loggedAt.clear();
    for (let y = 0; y < grid.rows; ) {
      let [first, last] = this.bounds(y), pending = !pendingLogged && first <= pendingLast && last >= pendingFirst, cursor = !cursorLogged && first <= cursorLast && last >= cursorFirst, unwritten = first > cursorLast && grid.logText(first, last) === "";
      !pending && !cursor && !unwritten && this.markLogged(first, last, grid.logText(first, last)), y = last + 1;
    }
    this.pendingId = grid.rowId(pendingY < 0 ? grid.cursorY : pendingY), this.settleMark = grid.mark(), this.dirty = !1;
  }
  /**
   * What the screen showed when the stream began: the rows above the cursor,
   * and the cursor's line up to the cursor (it carries on from there).
   */
  seed(line3, rowsAbove = []) {
    this.above = rowsAbove.slice(-this.height), this.aboveRows = this.above.map(() => 1), this.countAbove(), this.fastRow = Math.min(rowsAbove.length, this.height - 1), this.lines.seed(line3);
  }
  /** The line being drawn, not yet finished. */
  pendingText() {
    if (!this.engaged) return this.lines.pendingText();
    let grid = this.grid;
    if (grid.alternate) return "";
    let [first, last] = this.bounds(grid.cursorY);
    return grid.logText(first, last);
  }
  /** The pane was already in the alternate screen (logging started under a full-screen program), showing `rows`. */
  setAlternate(alternate, rows) {
    let on = this.engaged && this.grid.alternate;
    alternate !== on && this.screen(alternate), alternate && rows && rows.length > 0 && this.grid.seed(rows, 0, 0);
  }
  /** Whether a settle could say something now: the recorder keeps its timers only then. */
  get busy() {
    return this.engaged;
  }
  /**
   * The cleaner has read the stream up to `bytes`: the redraw credit grows
   * (see REDRAW_PER_BYTE) by the bytes as they are consumed, not by reads,
   * so the log is the same however the stream is cut (review M6).
   */
  consumed(bytes) {
    bytes <= this.consumedBytes || (this.credit = Math.min(REDRAW_CREDIT_MAX, this.credit + (bytes - this.consumedBytes) * REDRAW_PER_BYTE), this.consumedBytes = bytes);
  }
  /** A read of `bytes` came at `now` (epoch ms), if known: rows written long enough ago are known (see QUIET_MS). */
  input(_bytes, now) {
    if (this.reportClip(), now === void 0 || !this.engaged) return;
    let marks = this.chunkMarks, times = this.chunkTimes;
    (times.length === this.chunkHead || times[times.length - 1] !== now) && (marks.push(this.grid.mark()), times.push(now));
    let head = this.chunkHead;
    for (; head < times.length - 1 && times[head] <= now - QUIET_MS; ) head++;
    head > this.chunkHead && (this.quietMark = marks[head]), head > 1024 && (marks.splice(0, head), times.splice(0, head), head = 0), this.chunkHead = head;
  }
  /**
   * Rows `from`..`to` are about to be written over: one that has stood
   * QUIET_MS since it changed is settled first (a frame, in the alternate
   * screen), as the quiet timer would have; the line in progress is not
   * (its edits are the line's, logged when it is finished). Only the row's
   * own change counts: one logged since (the line settled when another of
   * its rows was written over) is no reason to log the whole line again, or
   * one cell changed per row of a line wrapped over the screen would log
   * the screenful once per row (review M4).
   */
  beforeOverwrite(from, to) {
    let grid = this.grid, quiet = this.quietMark;
    if (grid.alternate) {
      for (let y = from; y <= to; y++) {
        let written = grid.rowWritten(y);
        if (written <= quiet && written > this.frameMark) return this.frameNow(grid, !1);
      }
      return;
    }
    for (let y = from; y <= to; y++) {
      let written = grid.rowWritten(y);
      if (written > quiet) continue;
      let at = this.loggedAt.get(grid.rowId(y));
      if (at !== void 0 && written <= at) continue;
      let [first, last] = this.bounds(y);
      this.isPending(first, last) || this.settleGroup(first, last, "timer"), y = last;
    }
  }
  // ------------------------------------------------------------ Perform
  print(text2, plain) {
    if (!this.engaged) {
      this.lines.print(text2, plain);
      return;
    }
    this.leavePending && this.flushLeave();
    let grid = this.grid;
    if (this.claimed.size !== 0 && this.takeClaimed(), this.headOf !== void 0 && grid.cursorY === 0 && grid.rowId(0) === this.headOf.id && !grid.continued(0) && this.flushHead(), !this.dirty && (grid.rowId(grid.cursorY) !== this.pendingId || this.logged.has(this.pendingId)) && (this.dirty = !0), this.quietMark !== 0) {
      let y = grid.cursorY;
      this.beforeOverwrite(y, Math.min(grid.rows - 1, y + Math.floor((grid.cursorX + 2 * text2.length) / grid.columns)));
    }
    grid.print(text2);
  }
  /** Bytes the screen does not show (see Perform.unshown): both models keep them in the log, and give them no cell. */
  unshown(text2) {
    this.engaged ? this.grid.alternate || (this.leavePending && this.flushLeave(), this.claimed.clear(), this.grid.attach(text2)) : this.lines.unshown(text2);
  }
  /** Insert mode, autowrap and the like: the line model applies them (the screen model origin mode only, as yet). */
  mode(mode, set) {
    if (mode === 65539 /* ColumnMode */) {
      this.csi(72 /* CursorPosition */, 1, 1), this.csi(74 /* EraseInDisplay */, 2, 0);
      return;
    }
    this.lines.mode(mode, set), this.claimed.clear(), (mode === 4 /* Insert */ || mode === 65543 /* Autowrap */) && (mode === 4 /* Insert */ ? this.insert = set : this.autowrap = set, this.grid?.mode(mode, set)), mode === 65542 /* Origin */ && (this.origin = set, this.engaged || this.engage(), this.leavePending && this.flushLeave(), this.plainRun = 0, this.dirty = !0, this.grid.setOrigin(set, !0));
  }
  execute(control) {
    if (!this.engaged) {
      this.lines.execute(control);
      return;
    }
    this.leavePending && this.flushLeave(), this.claimed.size !== 0 && control !== CR4 && this.claimed.clear(), control === LF4 ? this.lineFeed(() => this.grid.execute(LF4)) : this.grid.execute(control);
  }
  csi(final, first, second) {
    if (!this.engaged) {
      if (final === 74 /* EraseInDisplay */ && first === 2) {
        this.fastRow = Math.min(this.fastRow + this.lines.cursorRow, this.height - 1);
        for (let i = 0; i < this.above.length; i++) this.keepGone(this.above[i], this.aboveRows[i]);
        this.goneScrolled = 0, this.goneReset = !0, this.goneCleared = this.goneKept.length, this.above.length = 0, this.aboveRows.length = 0, this.countAbove(), this.lines.csi(final, first, second);
        return;
      }
      if (ENGAGING_CSI[final] !== 1) {
        this.lines.csi(final, first, second);
        return;
      }
      this.engage();
    }
    this.leavePending && this.flushLeave();
    let grid = this.grid, claimUp = this.claimed.size !== 0 && final === 65 /* CursorUp */ && first <= 1;
    if (this.claimed.size !== 0 && !claimUp && (final === 75 /* EraseInLine */ && first <= 0 ? this.claimed.erase(grid.rowId(grid.cursorY), grid.cursorX) : this.claimed.clear()), ENGAGING_CSI[final] === 1 ? (this.plainRun = 0, this.dirty = !0) : !this.dirty && grid.rowId(grid.cursorY) !== this.pendingId && (this.dirty = !0), this.quietMark !== 0 && OVERWRITING_CSI[final] === 1 && this.beforeOverwrite(grid.cursorY, grid.cursorY), final === 74 /* EraseInDisplay */) {
      this.clearing = !0, this.clearingAll = first === 2 || first <= 0 && grid.cursorX === 0 && grid.cursorY === 0;
      let erased = this.clearingAll || first === 1 && this.cursorOnPending() ? this.pendingBeforeClear() : void 0;
      try {
        grid.csi(final, first, second);
      } finally {
        this.clearing = !1, this.clearingAll = !1;
      }
      this.keepErased(erased), this.afterClear();
      return;
    }
    grid.csi(final, first, second), claimUp && this.claimed.movedUp(grid.rowId(grid.cursorY)), this.clampedMove && (this.clampedMove = !1, this.settleCursorLine());
  }
  esc(final) {
    if (!this.engaged) {
      if (ENGAGING_ESC[final] !== 1) return this.lines.esc(final);
      this.engage();
    }
    this.leavePending && this.flushLeave();
    let grid = this.grid;
    if (this.plainRun = 0, this.dirty = !0, this.claimed.size !== 0 && final !== 77 /* ReverseIndex */ && this.claimed.clear(), final === 68 /* Index */ || final === 69 /* NextLine */) return this.lineFeed(() => grid.esc(final));
    if (final === 99 /* Reset */) {
      this.origin = !1, this.insert = !1, this.autowrap = !0, this.lines.mode(4 /* Insert */, !1), this.lines.mode(65543 /* Autowrap */, !0);
      let erased = this.pendingBeforeClear();
      this.clearing = this.clearingAll = !0;
      try {
        grid.esc(final);
      } finally {
        this.clearing = this.clearingAll = !1;
      }
      this.keepErased(erased), this.afterClear();
      return;
    }
    grid.esc(final), this.claimed.size !== 0 && final === 77 /* ReverseIndex */ && this.claimed.movedUp(grid.rowId(grid.cursorY)), final === 184 /* Alignment */ && !grid.alternate && (this.pendingId = grid.rowId(grid.cursorY));
  }
  screen(alternate, mode = 1049) {
    if (this.noAlternateScreen) return;
    if (!this.engaged) {
      if (!alternate) return;
      this.engage();
    }
    this.plainRun = 0, this.dirty = !0;
    let grid = this.grid, was = grid.alternate;
    grid.screen(alternate, mode), alternate && !was ? (this.frameMark = grid.mark(), this.gone.length = 0) : !alternate && was && (this.pendingId = grid.rowId(grid.cursorY), this.settleMark = grid.mark());
  }
  osc(command, data, truncated) {
    this.leavePending && this.flushLeave(), this.closeRepeats(), this.sink.osc?.(command, data, truncated);
  }
  // ------------------------------------------------------------ LineSink (the line model's lines)
  line(text2, continued) {
    let taken = this.lines.lineRows;
    if (taken < 0) return this.erasedLine(text2);
    this.erased !== void 0 && !continued && this.beforeLine(text2), this.closeRepeats(), this.sink.line(text2, continued);
    let above = this.above;
    if (continued && above.length > 0) {
      let tail = this.tail, before2 = above[above.length - 1];
      tail.begin(before2, this.columns);
      let kept = tail.append(text2, this.height);
      above[above.length - 1] = kept, this.aboveRows[above.length - 1] = 0, this.aboveUnits += kept.length - before2.length;
    } else {
      above.push(text2), this.aboveUnits += text2.length;
      let shape = this.lines.lineRowTexts ?? taken;
      if (this.aboveRows.push(text2.includes("	") ? this.shownRows(text2, shape) : shape), above.length > this.height) {
        let gone = above.shift();
        this.aboveUnits -= gone.length, this.keepGone(gone, this.aboveRows.shift());
      }
    }
    this.aboveUnits > this.aboveTrimAt && this.trimAbove();
    let bottom = this.height - 1;
    if (continued) this.fastRow = Math.min(this.fastRow, bottom);
    else if (this.fastRow >= bottom && this.goneScrolled >= HISTORY_ROWS) this.fastRow = bottom;
    else {
      let below = this.fastRow + (taken || rowsOf(text2, this.columns));
      below > bottom && (this.goneScrolled = Math.min(this.goneScrolled + below - bottom, HISTORY_ROWS)), this.fastRow = Math.min(below, bottom);
    }
  }
  /**
   * A cursor move stopped at the edge of the size known (the line model's,
   * or the screen model's before it moves): the pane is likely larger, and
   * tmux is asked (the recorder's). Until the answer, text drawn past the
   * edge lands in the model's last row or column, over what stands there,
   * while the real screen keeps both: the line the cursor leaves and the one
   * it lands on are logged as they show now (a redraw paid from the credit),
   * so that neither is lost to the next write.
   */
  clamped() {
    this.sink.clamped?.(), !(!this.engaged || this.grid.alternate) && (this.settleCursorLine(), this.clampedMove = !0);
  }
  /** The cursor's line, unless it is the line in progress (logged at its LF). */
  settleCursorLine() {
    let [first, last] = this.bounds(this.grid.cursorY);
    this.isPending(first, last) || this.settleGroup(first, last, "line");
  }
  // ------------------------------------------------------------ ScreenEvents (the screen model's)
  scrolled(y, history) {
    let grid = this.grid;
    if (!history) {
      this.goneFromAlternate(y, y);
      return;
    }
    let [, last] = this.bounds(y);
    if (this.isPending(y, last)) {
      if (this.logged.has(grid.rowId(y)))
        return this.settleGroup(y, last, "leaving"), this.forget(y, y);
      if (this.clearing) return this.forget(y, y);
      if (!this.logged.has(grid.rowId(y)))
        if (grid.wraps(y)) {
          this.lineOut(grid.rowText(y, !1), grid.rowId(y));
          let next = y < grid.scrollRegion[1] ? grid.rowId(y + 1) : 0;
          next !== 0 && this.pieces.add(next), grid.rowId(y) === this.pendingId && (this.pendingId = next);
        } else {
          let text2 = grid.logText(y, y);
          text2 !== "" && this.lineOut(text2, grid.rowId(y));
        }
      return this.forget(y, y);
    }
    this.settleGroup(y, last, "leaving"), this.forget(y, y);
  }
  erasing(top, bottom, kept = !1) {
    let grid = this.grid;
    if (grid.alternate) {
      this.goneFromAlternate(top, bottom);
      return;
    }
    for (let y = top; y <= bottom; ) {
      let [first, last] = this.bounds(y), cursorOnIt = grid.cursorY >= first && grid.cursorY <= last;
      this.clearing && this.isPending(first, last) && (this.clearingAll || cursorOnIt) && !this.logged.has(grid.rowId(first)) || this.settleGroup(first, last, "leaving"), y = last + 1;
    }
    this.forget(top, bottom, !kept);
  }
  switching(alternate) {
    let grid = this.grid;
    if (alternate) {
      let mark = this.settleMark, [first, last] = this.bounds(grid.cursorY);
      this.settleRows(!1);
      for (let y = first; y <= last; y++) grid.rowWritten(y) > mark && this.deferred.add(grid.rowId(y));
      this.erased !== void 0 && this.writeErased(), this.leavePending ? this.leavePending = !1 : this.inBlock || (this.inBlock = !0, this.lastFrame = "", this.closeRepeats(), this.sink.screen(!0));
      return;
    }
    this.frameNow(grid, !0), this.leavePending = !0;
  }
  // ------------------------------------------------------------ settling (the recorder's timers)
  /**
   * The pane has been quiet (or busy for a while): rows that changed are
   * logged now, the alternate screen gets a frame if it changed, a finished
   * block is closed; after quiet, the fast path takes over again when it can.
   */
  settle(reason) {
    if (reason === "quiet" && this.repeats > 0 && this.closeRepeats(!0), !this.engaged) return;
    let grid = this.grid;
    if (reason === "quiet" && this.flushLeave(), grid.alternate) {
      this.frameNow(grid, !1);
      return;
    }
    this.settleRows(!0), reason === "quiet" && this.disengage(!1);
  }
  /**
   * tmux says the pane left the alternate screen without a sequence in the
   * stream (`respawn-pane -k` resets the screen): the block ends with the
   * model's final frame (what was printed meanwhile is in it), and the normal
   * screen starts blank, as tmux's does.
   */
  resync() {
    !this.engaged || !this.grid.alternate || (this.screen(!1), this.esc(99 /* Reset */));
  }
  /** End of the stream: what has changed is logged, and what is left of the line in progress; then text a clear took away, if not drawn again. */
  finish() {
    this.finishModels(), this.erased !== void 0 && this.writeErased(), this.closeRepeats();
  }
  finishModels() {
    if (!this.engaged) {
      this.lines.finish();
      return;
    }
    let grid = this.grid;
    if (this.flushLeave(), grid.alternate) {
      this.frameNow(grid, !1);
      let line3 = grid.normalLine(this.pendingId), head = this.headOf;
      this.headOf = void 0, head !== void 0 && line3 !== void 0 && line3.first === head.id && !this.logged.has(line3.first) ? this.emit(head.text + line3.text, head.continued) : (head !== void 0 && this.emit(head.text, head.continued), line3 !== void 0 && line3.text !== "" && !this.logged.has(line3.first) && this.emit(line3.text, this.pieces.has(line3.first)));
      return;
    }
    this.settleRows(!0);
    let [first, last] = this.bounds(grid.cursorY), text2 = this.lineText(first, last);
    text2 !== "" && !this.logged.has(grid.rowId(first)) && this.lineOut(text2, grid.rowId(first)), this.headOf !== void 0 && this.flushHead();
  }
  /** The line in progress, rows `first`..`last`, up to the last cell printed and not erased (a prompt's trailing blank is kept, as the line model keeps it). */
  lineText(first, last) {
    return this.grid.logText(first, last);
  }
  /** Whether the pane is in a full-screen program's block (the recorder closes it at the end). */
  get inAlternate() {
    return this.inBlock;
  }
  // ------------------------------------------------------------ engaging and handing back
  /**
   * The rows a logged line with TABs took, its TABs as the blanks they were
   * when it was shown: to the tab stops as they are now, not as they are when
   * the screen model is seeded (TBC or HTS in between would move its text, review screen3 #3).
   */
  shownRows(text2, shape) {
    let columns = this.columns, tabs = this.lines.tabs;
    if (typeof shape != "number") return shape.map((row) => expandTabs(row, columns, tabs));
    let parts = cut(expandTabs(text2, columns, tabs), columns);
    for (let k = parts.length; k < shape && k < this.height; k++) parts.push("");
    return parts;
  }
  /** `aboveUnits` counted again after `above` was made anew. */
  countAbove() {
    let units = 0;
    for (let i = 0; i < this.above.length; i++) units += this.above[i].length;
    this.aboveUnits = units, this.aboveTrimAt = units + this.aboveBudget();
  }
  /** Code units `above` may grow by before trimAbove looks at it: a few screenfuls of plain text (a flood of short lines never gets there). */
  aboveBudget() {
    return Math.max(65536, Math.min(4 * this.columns * this.height, 1 << 22));
  }
  /**
   * `above` keeps `height` lines, each of up to a screenful (a long line's
   * last rows): long lines made that a screenful each (1000x500: 520 lines of
   * 500 000 characters held 269 MB). Lines older than the rows of newer ones
   * fill the screen are off it: they go where lines leaving the screen's top
   * go (keepGone), in the same order, so the screen model is seeded the same.
   * Looked at once `above` grew by aboveBudget since: the walk over its rows is
   * paid for by that much text.
   */
  trimAbove() {
    let above = this.above, rows = 0, i = above.length - 1;
    for (; i > 0 && rows < this.height; i--) {
      let shape = this.aboveRows[i];
      rows += typeof shape == "number" ? shape > 0 ? shape : rowsOf(above[i], this.columns) : shape.length;
    }
    if (rows >= this.height) {
      let gone = above.splice(0, i + 1), shapes = this.aboveRows.splice(0, i + 1);
      for (let k = 0; k < gone.length; k++)
        this.aboveUnits -= gone[k].length, this.keepGone(gone[k], shapes[k]);
    }
    this.aboveTrimAt = this.aboveUnits + this.aboveBudget();
  }
  /**
   * A line left the screen's top on the fast path (see `goneKept`): the
   * screen model keeps HISTORY_ROWS rows of history, no more is kept here
   * (a flood of long lines must not hold megabytes), nor more characters
   * than that many rows of plain text hold (see goneWeight).
   */
  keepGone(text2, rows) {
    text2.length > HISTORY_ROWS * this.columns && (typeof rows == "number" ? text2 = lastRows(text2, this.columns, HISTORY_ROWS, this.lines.tabs) : rows.length > HISTORY_ROWS && (rows = rows.slice(-HISTORY_ROWS), text2 = ""));
    let gone = this.goneKept;
    if (gone.push(text2, rows, goneWeight(text2, rows, this.columns)), gone.weight > 2 * HISTORY_ROWS || gone.length > 2 * HISTORY_ROWS) {
      let keep = gone.length, count = 0;
      for (; keep > 0 && count < HISTORY_ROWS; ) count += gone.lineWeight(--keep);
      this.goneCleared = Math.max(0, this.goneCleared - keep), gone.dropOldest(keep);
    }
  }
  /** The screen model takes the stream, seeded with what the line model knows. */
  engage() {
    let columns = this.columns, height = this.height, grid = this.grid;
    (!grid || grid.columns !== columns || grid.rows !== height) && (grid = this.grid = new ScreenGrid(columns, height, this), grid.useTabStops(this.lines.tabs), grid.mode(4 /* Insert */, this.insert), grid.mode(65543 /* Autowrap */, this.autowrap));
    let line3 = this.lines.pendingRows();
    this.keepErased(this.lines.takeErased()), this.lines.seed("");
    let start2 = Math.max(0, Math.min(line3.cy, line3.rows.length - height)), pendingRows = line3.rows.slice(start2, start2 + height), firstY = Math.max(Math.min(this.fastRow + pendingRows.length - 1, height - 1), pendingRows.length - 1) - (pendingRows.length - 1), cursorY = firstY + (line3.cy - start2), wanted = firstY, rows = [], continued = [], history = [], historyContinued = [];
    for (let k = start2 - 1; k >= 0 && history.length < HISTORY_ROWS; k--)
      history.push(line3.rows[k]), historyContinued.push(k > 0 && line3.wraps[k - 1]);
    let take2 = (text2, shape) => {
      let parts = typeof shape == "number" ? cut(expandTabs(text2, columns, this.lines.tabs), columns) : shape.map((row) => expandTabs(row, columns, this.lines.tabs));
      if (typeof shape == "number") for (let k = parts.length; k < shape && k < height; k++) parts.push("");
      for (let k = parts.length - 1; k >= 0; k--)
        if (rows.length < wanted)
          rows.push(parts[k]), continued.push(k > 0);
        else if (history.length < HISTORY_ROWS)
          history.push(parts[k]), historyContinued.push(k > 0);
        else return !1;
      return !0;
    }, scrolled = Math.min(this.goneScrolled + Math.max(0, this.fastRow + line3.rows.length - height), HISTORY_ROWS), more = !0;
    for (let i2 = this.above.length - 1; i2 >= 0 && more; i2--) more = take2(this.above[i2], this.aboveRows[i2] ?? 0);
    for (; rows.length < wanted; )
      rows.push(""), continued.push(!1);
    let cleared = this.goneReset ? this.goneCleared : 0, gone = this.goneKept, i = gone.length - 1;
    for (; i >= cleared && more; i--) more = take2(gone.text(i), gone.rows(i));
    if (this.goneReset)
      for (let k = history.length; k < scrolled; k++)
        history.push(""), historyContinued.push(!1);
    for (; i >= 0 && more; i--) more = take2(gone.text(i), gone.rows(i));
    rows.reverse(), continued.reverse(), continued.length > 0 && history.length === 0 && (continued[0] = !1);
    for (let k = history.length; k < scrolled; k++)
      history.push(""), historyContinued.push(!1);
    history.reverse(), historyContinued.reverse(), grid.appendHistory(history, historyContinued, scrolled, this.goneReset), gone.clear(), this.goneScrolled = this.goneCleared = 0, this.goneReset = !1;
    for (let k = 0; k < pendingRows.length; k++)
      rows.push(pendingRows[k]), continued.push(k > 0 ? line3.wraps[start2 + k - 1] : start2 > 0 && line3.wraps[start2 - 1]);
    let x = Math.min(line3.cx, columns);
    grid.seed(rows, x, cursorY, continued), grid.setOrigin(this.origin, !1), this.engaged = !0, this.pieces.clear(), this.cuts.clear(), this.claimed.clear(), this.headOf = void 0, this.chunkMarks.length = this.chunkTimes.length = this.chunkHead = this.quietMark = 0, this.baseline(firstY), this.scanUnlogged = this.bounds(cursorY)[0] > firstY, this.plainRun = 0;
  }
  /** Rows on the screen now count as logged, but for the line in progress (from row `pendingFirst`: the cursor's line unless told). */
  baseline(pendingFirst = this.bounds(this.grid.cursorY)[0]) {
    let grid = this.grid;
    this.logged.clear(), this.loggedAt.clear();
    for (let y = 0; y < pendingFirst; ) {
      let [, last] = this.bounds(y);
      this.markLogged(y, last, grid.logText(y, last)), y = last + 1;
    }
    this.pendingId = grid.rowId(grid.cursorY), this.settleMark = grid.mark(), this.dirty = !1;
  }
  /**
   * Hands the stream back to the line model, with the rows above the cursor
   * and the line in progress, when nothing else on the screen can change
   * unseen: the normal screen, no scroll region, nothing below the cursor.
   */
  disengage(atLineStart) {
    let grid = this.grid;
    if (grid.alternate || this.leavePending || this.deferred.size > 0 || this.claimed.size > 0 || this.headOf !== void 0 || (this.settleHeld("line"), this.held.size > 0)) return !1;
    let [upper, lower] = grid.scrollRegion;
    if (upper !== 0 || lower !== grid.rows - 1) return !1;
    let [first, last] = this.bounds(grid.cursorY);
    if (last !== grid.cursorY) return !1;
    for (let y = last + 1; y < grid.rows; y++) if (grid.rowText(y) !== "") return !1;
    let pending = this.lineText(first, last);
    if ((atLineStart ? pending !== "" || grid.cursorX !== 0 : grid.cursorX !== textWidth(grid.rowText(last, !1))) || this.pieces.has(grid.rowId(first)) || this.logged.has(grid.rowId(first)) || (this.settleRows(!1), this.held.size > 0 || this.deferred.size > 0)) return !1;
    if (last > first) {
      let rows = cut(pending, grid.columns);
      if (rows.length !== last - first + 1) return !1;
      for (let y = first; y < last; y++) if (rows[y - first] !== grid.rowText(y, !1)) return !1;
    }
    let above = [], aboveRows = [];
    for (let y = 0; y < first; ) {
      let [, end] = this.bounds(y);
      if (above.push(grid.logText(y, end)), end === y) aboveRows.push(1);
      else {
        let rows = [];
        for (let k = y; k <= end; k++) rows.push(grid.rowText(k, !(k < end)));
        aboveRows.push(rows);
      }
      y = end + 1;
    }
    return this.above = above.slice(-this.height), this.aboveRows = aboveRows.slice(-this.height), this.countAbove(), this.fastRow = first, this.engaged = !1, this.logged.clear(), this.loggedAt.clear(), this.pieces.clear(), this.cuts.clear(), this.claimed.clear(), this.lines.seed(pending === "" && first === last ? " ".repeat(grid.cursorX) : pending), !0;
  }
  // ------------------------------------------------------------ the normal screen
  /** LF (IND, NEL): the cursor's line is finished, unless it wraps on below (readline moving down in a long command). */
  lineFeed(feed) {
    let grid = this.grid;
    if (grid.alternate) {
      feed();
      return;
    }
    this.claimed.clear();
    let y = grid.cursorY;
    if (y + 1 < grid.rows && grid.wraps(y) && this.blankBelow(y) && this.cuts.add(grid.rowId(y + 1)), this.bounds(y)[1] === y) {
      let [first, last] = this.bounds(y);
      this.settleLeftLine(first, last);
      let was = this.logged.get(grid.rowId(first)) ?? this.logged.get(grid.rowId(last));
      if (was === void 0 || was === "" && !this.unchanged(first, last)) {
        this.dirty && this.settleRows(!1);
        let text2 = grid.logText(first, last);
        this.lineOut(text2, grid.rowId(first)), this.markLogged(first, last, text2);
      }
      this.plainRun++;
    } else {
      let [first, last] = this.bounds(y);
      this.settleLeftLine(first, last);
    }
    feed(), this.pendingId = grid.rowId(grid.cursorY), this.plainRun >= grid.rows && (this.dirty && this.settleRows(!1), this.dirty || this.disengage(!0));
  }
  /** The line in progress, if the cursor left it for rows `first`..`last`: logged as it shows now, unless it was. */
  settleLeftLine(first, last, why = "line") {
    let grid = this.grid;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowId(y) !== this.pendingId) continue;
      if (y >= first && y <= last) return;
      let [pendingFirst, pendingLast] = this.bounds(y);
      this.settleGroup(pendingFirst, pendingLast, why);
      return;
    }
  }
  /** The cursor is on the line in progress. */
  cursorOnPending() {
    let [first, last] = this.bounds(this.grid.cursorY);
    return this.isPending(first, last);
  }
  /** The line in progress, unless logged or blank, before a clear of the whole screen takes it. */
  pendingBeforeClear() {
    let grid = this.grid;
    if (!grid.alternate)
      for (let y = 0; y < grid.rows; y++) {
        if (grid.rowId(y) !== this.pendingId) continue;
        let [first, last] = this.bounds(y);
        if (this.logged.has(grid.rowId(first))) return;
        let text2 = this.lineText(first, last);
        return /^ *$/.test(text2) ? void 0 : text2;
      }
  }
  /** A clear took the line in progress: kept aside (see `erased`); a second clear before any line keeps the first one's unless this is it drawn again. */
  keepErased(text2) {
    text2 !== void 0 && (this.erased !== void 0 && !text2.startsWith(trimBlanks2(this.erased)) && this.writeErased(), this.erased = text2);
  }
  /** A line is written: the erased text before it, unless the line is it drawn again. */
  beforeLine(text2) {
    text2.startsWith(trimBlanks2(this.erased)) || this.writeErased(), this.erased = void 0;
  }
  writeErased() {
    let erased = this.erased;
    this.erased = void 0, this.erasedLine(erased);
  }
  /**
   * Text a clear took away before its line was finished, logged (either
   * model's). A pane clearing the screen again and again with the same text
   * on it (`X ESC[2J` in a loop, a watch-like redraw that clears first) would
   * log one line per clear: a few bytes in, a whole record out each time
   * (8x the input, and the reader's slowest path). What was shown is the
   * same text each time, at most at another column (the cursor stays where
   * ED 2 left it, so the blanks before it grow): the first one is logged as
   * it stood, then, once something else comes (or the pane is quiet, or the
   * stream ends), how many more times it was shown and cleared, as a
   * `repeated` event after it. An auditor reads the text and the count; no
   * other text can hide in it, since any other line ends the run first.
   */
  erasedLine(text2) {
    let shown = trimSpaces(text2);
    if (shown !== "" && shown === this.repeatOf) {
      this.repeats++;
      return;
    }
    this.closeRepeats(), this.emit(text2, !1), this.repeatOf = shown;
  }
  /** A run of repeated clears ends (`goesOn`: is counted so far): its count is logged after the line it repeats. */
  closeRepeats(goesOn = !1) {
    if (goesOn || (this.repeatOf = void 0), this.repeats === 0) return;
    let times = this.repeats;
    this.repeats = 0, this.sink.repeated?.(times);
  }
  /** After ED or RIS: the line in progress was cleared with the screen; the shell draws it again where the cursor is. */
  afterClear() {
    let grid = this.grid;
    if (!grid.alternate) {
      for (let y = 0; y < grid.rows; y++) if (grid.rowId(y) === this.pendingId && grid.rowText(y) !== "") return;
      this.pendingId = grid.rowId(grid.cursorY);
    }
  }
  /**
   * Logs rows written since the last settle that are not the line in
   * progress: a row never logged as a line, one logged as `redrawn` if its
   * text changed. `all`: also a changed logged row under the cursor.
   * Rows whose redraw waited for want of credit are looked at again too.
   */
  settleRows(all, why = all ? "timer" : "line") {
    let grid = this.grid, mark = this.settleMark, cursorY = grid.cursorY, deferred = this.deferred, [cursorFirst, cursorLast] = this.bounds(cursorY);
    this.settleLeftLine(cursorFirst, cursorLast, why), this.settleHeld(why);
    let reshaped = this.scanUnlogged || grid.reshapedSince(mark);
    this.scanUnlogged = !1;
    let logged = this.logged;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowWritten(y) <= mark && (deferred.size === 0 || !deferred.has(grid.rowId(y))) && (!reshaped || logged.has(grid.rowId(y)))) continue;
      let [first, last] = this.bounds(y);
      if (cursorY >= first && cursorY <= last) {
        if (all && this.logged.has(grid.rowId(first))) this.settleGroup(first, last, why);
        else if (!this.isPending(first, last)) for (let yy = first; yy <= last; yy++) this.held.add(grid.rowId(yy));
      } else this.settleGroup(first, last, why);
      y = last;
    }
    why === "timer" && (deferred.clear(), this.reportSkipped()), this.settleMark = grid.mark(), this.dirty = !1;
  }
  /**
   * The row the cursor was on at a settle, not settled then for that (text
   * drawn by addressing, the cursor still after it): settled once the cursor
   * has left it, though no byte has touched it since.
   */
  settleHeld(why) {
    let held2 = this.held;
    if (held2.size === 0) return;
    let grid = this.grid, ids = [];
    for (let y = 0; y < grid.rows; y++) held2.has(grid.rowId(y)) && ids.push(grid.rowId(y));
    held2.clear();
    for (let id of ids)
      for (let y = 0; y < grid.rows; y++) {
        if (grid.rowId(y) !== id) continue;
        let [first, last] = this.bounds(y);
        grid.cursorY >= first && grid.cursorY <= last ? held2.add(id) : this.settleGroup(first, last, why);
        break;
      }
  }
  /** Redraws skipped for want of credit since the last report: said in the log, where the gap is. */
  reportSkipped() {
    if (this.skippedRedraws === 0) return;
    let redraws = this.skippedRedraws, chars = this.skippedChars;
    this.skippedRedraws = this.skippedChars = 0, this.closeRepeats(), this.sink.skipped?.(redraws, chars);
  }
  /**
   * Rows `first`..`last` (one line) as they show now: a line if never logged,
   * `redrawn` if logged with other text, within the redraw budget (see
   * REDRAW_PER_BYTE; `why` says what may wait for it).
   */
  settleGroup(first, last, why = "line") {
    let grid = this.grid;
    if (first === last && grid.blank(first) && !this.logged.get(grid.rowId(first)) || this.unchanged(first, last)) return;
    let text2 = grid.logText(first, last), logged, known2 = !0;
    for (let y = first; y <= last; y++) {
      let was = this.logged.get(grid.rowId(y));
      was === void 0 ? known2 = !1 : logged ??= was;
    }
    if (logged === void 0 || logged === "" && known2) {
      if (text2 === "" || this.allAligned(first, last) && !this.pay(text2, first, last, why)) return;
      this.lineOut(text2, grid.rowId(first));
    } else if (text2 !== logged || !known2) {
      if (text2 === logged) {
        this.markLogged(first, last, text2);
        return;
      }
      if (text2 !== "")
        if (why === "line" && text2.length > this.credit) {
          for (let y = first; y <= last; y++) this.deferred.add(grid.rowId(y));
          return;
        } else {
          let head = first === 0 ? grid.historyHead() : "", whole = head !== "" && head.length + text2.length <= this.credit;
          this.credit = Math.max(0, this.credit - (whole ? head.length : 0) - text2.length), this.emit(whole ? head + text2 : text2, !1, !0);
        }
    } else return;
    this.markLogged(first, last, text2);
  }
  /** Rows `first`..`last` show only DECALN's fill. */
  allAligned(first, last) {
    let grid = this.grid;
    for (let y = first; y <= last; y++) if (!grid.aligned(y)) return !1;
    return !0;
  }
  /**
   * `text` paid for from the redraw credit (see REDRAW_PER_BYTE); if there is
   * not enough, before a line it waits for the timer (false, not marked),
   * leaving the screen it is counted as skipped (false, marked logged).
   */
  pay(text2, first, last, why) {
    if (why === "timer" || text2.length <= this.credit)
      return this.credit = Math.max(0, this.credit - text2.length), !0;
    if (why === "line") {
      for (let y = first; y <= last; y++) this.deferred.add(this.grid.rowId(y));
      return !1;
    }
    return this.skippedRedraws++, this.skippedChars += text2.length, this.markLogged(first, last, text2), !1;
  }
  markLogged(first, last, text2) {
    let grid = this.grid, at = grid.mark();
    for (let y = first; y <= last; y++) {
      let id = grid.rowId(y);
      this.logged.set(id, text2), this.loggedAt.set(id, at);
    }
  }
  /**
   * A line (or a redrawn row) of the screen model, in pieces of at most the
   * line limit, as the line model cuts its own: a pane 1000 columns wide and
   * 500 rows high holds lines far longer than a record may be.
   */
  emit(text2, continued, redrawn = !1) {
    this.erased !== void 0 && !continued && !redrawn && this.beforeLine(text2), this.repeatOf !== void 0 && this.closeRepeats(), this.skippedRedraws > 0 && this.reportSkipped();
    let max = MAX_LINE_CHARS, from = 0;
    for (; text2.length - from > max; ) {
      let to = from + max, unit = text2.charCodeAt(to - 1);
      unit >= 55296 && unit <= 56319 && to--;
      let piece = text2.slice(from, to);
      from === 0 && redrawn ? this.sink.redrawn(piece) : this.sink.line(piece, continued || from > 0), from = to;
    }
    let rest = from === 0 ? text2 : text2.slice(from);
    from === 0 && redrawn ? this.sink.redrawn(rest) : this.sink.line(rest, continued || from > 0);
  }
  /** Rows `first`..`last` were all logged and none written since. */
  unchanged(first, last) {
    let grid = this.grid;
    for (let y = first; y <= last; y++) {
      let at = this.loggedAt.get(grid.rowId(y));
      if (at === void 0 || grid.rowWritten(y) > at) return !1;
    }
    return !0;
  }
  /** The line row `y` holds, first and last rows: the screen model's, cut where the log keeps lines apart (`cuts`). */
  bounds(y) {
    let grid = this.grid, [first, last] = grid.lineBounds(y);
    if (this.cuts.size === 0) return [first, last];
    let from = y;
    for (; from > first && !this.cuts.has(grid.rowId(from)); ) from--;
    let to = y;
    for (; to < last && !this.cuts.has(grid.rowId(to + 1)); ) to++;
    return [from, to];
  }
  /** Rows of row `y`'s line below it hold only blanks. */
  blankBelow(y) {
    let grid = this.grid, last = this.bounds(y)[1];
    for (let below = y + 1; below <= last; below++) if (grid.rowText(below) !== "") return !1;
    return !0;
  }
  /**
   * Rows `top`..`bottom` leave (`gone`: scrolled off; else erased, which may
   * keep a row and its id: DECALN, ED 0 from the middle of a row): their ids
   * are forgotten. An id is never given twice, so what is kept by id for a
   * row that left is never looked up again: only the sets whose size is
   * asked (cuts, deferred) are kept exact for those; the rest is pruned when
   * it has grown (a flood of SU of the whole screen makes a screenful of rows
   * leave per line: five deletes each were a tenth of the reader's time).
   */
  forget(top, bottom, gone = !0) {
    let grid = this.grid;
    if (this.headOf !== void 0) for (let y = top; y <= bottom; y++) grid.rowId(y) === this.headOf?.id && this.flushHead();
    if (!gone || this.cuts.size > 0 || this.deferred.size > 0)
      for (let y = top; y <= bottom; y++) {
        let id = grid.rowId(y);
        this.cuts.delete(id), this.deferred.delete(id), !gone && (this.logged.delete(id), this.loggedAt.delete(id), this.pieces.delete(id));
      }
    this.logged.size + this.pieces.size > 4 * grid.rows + 256 && this.pruneGone();
  }
  /** Entries of rows no longer on the screen dropped (see forget). */
  pruneGone() {
    let grid = this.grid, onScreen = /* @__PURE__ */ new Set();
    for (let y = 0; y < grid.rows; y++) onScreen.add(grid.rowId(y));
    for (let id of this.logged.keys()) onScreen.has(id) || this.logged.delete(id);
    for (let id of this.loggedAt.keys()) onScreen.has(id) || this.loggedAt.delete(id);
    for (let id of this.pieces) onScreen.has(id) || this.pieces.delete(id);
  }
  /** Rows `first`..`last` hold the line in progress (the row the last line feed led to, where the cursor is). */
  isPending(first, last) {
    let grid = this.grid;
    for (let y = first; y <= last; y++) if (grid.rowId(y) === this.pendingId) return !0;
    return !1;
  }
  // ------------------------------------------------------------ the alternate screen
  /** Rows `top`..`bottom` of the alternate screen leave it: those written since the last frame are kept for the log. */
  goneFromAlternate(top, bottom) {
    let grid = this.grid;
    for (let y = top; y <= bottom; y++) {
      if (grid.rowWritten(y) <= this.frameMark) continue;
      let text2 = grid.rowText(y);
      text2 !== "" && (this.gone.push(text2), this.gone.length >= grid.rows && this.flushGone());
    }
  }
  flushGone() {
    if (this.gone.length === 0) return;
    let rows = this.gone;
    this.gone = [], this.closeRepeats(), this.sink.scrolledOff(rows);
  }
  /** A frame of the alternate screen if it changed since the last (`final`: the program is leaving). */
  frameNow(grid, final) {
    if (this.flushGone(), !final && grid.changedSince(this.frameMark).length === 0) return;
    let rows = grid.lines();
    for (; rows.length > 0 && rows[rows.length - 1] === ""; ) rows.pop();
    let text2 = rows.join(`
`);
    this.frameMark = grid.mark(), text2 !== this.lastFrame && (this.lastFrame = text2, this.closeRepeats(), this.sink.frame(rows));
  }
  /** The program left and something else came: its block ends. */
  flushLeave() {
    this.leavePending && (this.leavePending = !1, this.inBlock = !1, this.closeRepeats(), this.sink.screen(!1));
  }
};
function trimBlanks2(text2) {
  let end = text2.length;
  for (; end > 0 && text2.charCodeAt(end - 1) === 32; ) end--;
  return end === text2.length ? text2 : text2.slice(0, end);
}
function trimSpaces(text2) {
  let start2 = 0;
  for (; start2 < text2.length && text2.charCodeAt(start2) === 32; ) start2++;
  return trimBlanks2(start2 === 0 ? text2 : text2.slice(start2));
}
function goneWeight(text2, shape, columns) {
  if (typeof shape == "number") return Math.max(1, shape, Math.ceil(text2.length / columns));
  let chars = text2.length;
  for (let k = 0; k < shape.length; k++) chars += shape[k].length;
  return Math.max(shape.length, Math.ceil(chars / (2 * columns)));
}
function clamp(value, fallback, max) {
  return value === void 0 || !Number.isFinite(value) || value < 1 ? fallback : Math.min(Math.floor(value), max);
}

// src/terminal/transcript.ts
var Transcript = class {
  cleaner = new EscapeCleaner();
  hybrid;
  /** `columns`, `rows`: the pane's size, if known. */
  constructor(sink, options = {}) {
    this.hybrid = new Hybrid(sink, options);
  }
  /** The pane's width changed (a resize). */
  setColumns(columns) {
    this.hybrid.setColumns(columns);
  }
  /** The pane's size changed (a resize). */
  resize(columns, rows) {
    this.hybrid.setSize(columns, rows);
  }
  /** What the screen showed before the stream began: the cursor's line up to the cursor, and the rows above it. */
  seed(text2, rowsAbove) {
    this.hybrid.seed(text2, rowsAbove);
  }
  /** The line being drawn, not yet finished. */
  pendingText() {
    return this.hybrid.pendingText();
  }
  /** The pane is in the alternate screen without a sequence in the stream (it was when logging began). */
  setAlternate(alternate, rows) {
    this.hybrid.setAlternate(alternate, rows);
  }
  /** The screen model has the stream: the recorder should settle it when quiet and every few seconds. */
  get busy() {
    return this.hybrid.busy;
  }
  /** A full-screen program's block is open. */
  get inAlternate() {
    return this.hybrid.inAlternate;
  }
  /** See Hybrid.resync. */
  resync() {
    this.hybrid.resync();
  }
  /** See Hybrid.settle. */
  settle(reason) {
    this.hybrid.settle(reason);
  }
  /** `now`: when the chunk was read (see EscapeCleaner.advance). */
  push(chunk, now) {
    this.hybrid.input(chunk.length, now), this.cleaner.advance(chunk, this.hybrid, now);
  }
  /** End of stream: what is left of the last line is emitted too. */
  end() {
    this.cleaner.end(this.hybrid), this.hybrid.finish();
  }
};

// src/capture/commands.ts
var import_node_crypto11 = require("node:crypto");

// src/terminal/semantic.ts
var CODES = /* @__PURE__ */ new Set(["A", "B", "C", "D", "E", "P"]);
function parseShellMark(family, data) {
  let parts = data.split(";"), code = parts[0];
  if (!CODES.has(code) || family === 133 && (code === "E" || code === "P")) return;
  let mark = { family, code, options: /* @__PURE__ */ new Map() }, rest = parts.slice(1);
  if (family === 633 && code === "E")
    return mark.value = decodeVsCode(rest[0] ?? ""), rest[1] !== void 0 && (mark.nonce = rest[1]), mark;
  if (family === 633 && code === "P")
    return mark.value = decodeVsCode(rest.join(";")), mark;
  code === "D" && rest.length > 0 && !rest[0].includes("=") && (/^\d{1,10}$/.test(rest[0]) && (mark.exit = rest[0]), rest = rest.slice(1));
  for (let option of rest) {
    let equals = option.indexOf("=");
    equals > 0 && !mark.options.has(option.slice(0, equals)) && mark.options.set(option.slice(0, equals), option.slice(equals + 1));
  }
  return mark;
}
function decodePercent(value) {
  if (!value.includes("%")) return value;
  let bytes = [];
  for (let i = 0; i < value.length; i++) {
    let unit = value.charCodeAt(i);
    if (unit === 37 && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3)))
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16)), i += 2;
    else if (unit < 128) bytes.push(unit);
    else {
      let codePoint = value.codePointAt(i);
      codePoint > 65535 && i++;
      for (let byte of Buffer.from(String.fromCodePoint(codePoint), "utf8")) bytes.push(byte);
    }
  }
  return bytesToText(Buffer.from(bytes));
}
function decodeVsCode(value) {
  return value.includes("\\") ? decodePercent(value.replace(/%/g, "%25").replace(/\\\\|\\x([0-9a-fA-F]{2})/g, (_whole, hex) => hex ? `%${hex}` : "\\")) : value;
}
function sequence(lead) {
  if (lead < 128) return [1, 0, 0];
  if (lead >= 194 && lead <= 223) return [2, 128, 191];
  if (lead === 224) return [3, 160, 191];
  if (lead === 237) return [3, 128, 159];
  if (lead >= 225 && lead <= 239) return [3, 128, 191];
  if (lead === 240) return [4, 144, 191];
  if (lead >= 241 && lead <= 243) return [4, 128, 191];
  if (lead === 244) return [4, 128, 143];
}
function bytesToText(bytes) {
  let text2 = "", from = 0;
  for (let i = 0; i < bytes.length; ) {
    let form = sequence(bytes[i]), length = form ? form[0] : 0;
    if (form && length > 1) {
      let second = bytes[i + 1];
      (second === void 0 || second < form[1] || second > form[2]) && (length = 0);
      for (let k = 2; k < length; k++) {
        let next = bytes[i + k];
        (next === void 0 || next < 128 || next > 191) && (length = 0);
      }
    }
    if (length > 0) {
      i += length;
      continue;
    }
    text2 += bytes.toString("utf8", from, i) + `\\x${bytes[i].toString(16).padStart(2, "0")}`, i++, from = i;
  }
  return text2 + bytes.toString("utf8", from);
}

// src/capture/commands.ts
var ANSWER_MS = 2e3, MAX_ASKING = 4, MAX_ASKS_PER_SECOND = 5, MAX_KNOWN = 1024, MAX_REFUSED = 16, MAX_NONCES = 64, NONCE2 = /^[0-9a-f]{32}$/, PID = /^[1-9]\d{0,9}$/, NONCE_BLANK = "[nonce]", CommandTracker = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /** pid → the hash tmux gave, and when it was asked. */
  known = /* @__PURE__ */ new Map();
  asking = /* @__PURE__ */ new Map();
  /** pid → nonces that did not match what tmux gave for it. */
  refused = /* @__PURE__ */ new Map();
  /** When the last questions were asked (at most MAX_ASKS_PER_SECOND kept). */
  asked = [];
  nonces = /* @__PURE__ */ new Set();
  /** VS Code's command line (633 E), waiting for its C. */
  pendingLine;
  /** The prompt as drawn when input started (B), and the last line of output: the command as the screen showed it. */
  prompt;
  lastLine = "";
  timers = /* @__PURE__ */ new Set();
  /** Whether any nonce is known: output must then be searched for it. */
  get blanking() {
    return this.nonces.size > 0;
  }
  /** `text` with every known nonce blanked. */
  blank(text2) {
    for (let nonce of this.nonces) text2.includes(nonce) && (text2 = text2.split(nonce).join(NONCE_BLANK));
    return text2;
  }
  /** A line of output was logged (the fallback when the shell cannot give its command line). */
  sawLine(text2) {
    this.lastLine = text2;
  }
  /** A semantic-prompt string; `pending`: the text of the line being drawn now (the prompt, at B). */
  mark(family, data, truncated, pending) {
    let mark = parseShellMark(family, data);
    if (mark)
      switch (mark.code !== "E" && mark.code !== "C" && (this.pendingLine = void 0), mark.code) {
        case "B":
          this.prompt = pending();
          break;
        case "E":
          this.pendingLine = mark.value;
          break;
        case "C":
          this.command(mark, truncated);
          break;
        case "D":
          this.end(mark);
          break;
      }
  }
  /** The recording ends: nothing waits for tmux any longer. */
  close() {
    for (let timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (let [pid, waiting] of this.asking) {
      this.asking.delete(pid);
      for (let done of waiting) done(void 0);
    }
  }
  command(mark, truncated) {
    let option = (key2) => {
      let value = mark.options.get(key2);
      return value === void 0 ? void 0 : this.blank(decodePercent(value));
    }, cmd = option("cmdline_url") ?? (mark.options.has("cmdline") ? this.blank(mark.options.get("cmdline")) : void 0), source = mark.options.get("source") === "screen" ? "screen" : void 0;
    if (cmd === void 0 && mark.family === 633 && this.pendingLine !== void 0 && (cmd = this.blank(this.pendingLine)), this.pendingLine = void 0, cmd === void 0) {
      source = "screen";
      let prompt = this.prompt;
      cmd = prompt && this.lastLine.startsWith(prompt) ? this.lastLine.slice(prompt.length) : this.lastLine;
    }
    let fields = {
      n: numberOption(mark, "n"),
      pid: pidOption(mark),
      user: option("user"),
      host: option("host"),
      cwd: option("cwd"),
      verified: "no",
      source,
      truncated: truncated ? "yes" : void 0,
      cmd
    };
    this.verify(mark, fields), this.options.event("command", fields);
  }
  end(mark) {
    let fields = {
      n: numberOption(mark, "n"),
      pid: pidOption(mark),
      exit: mark.exit,
      ms: numberOption(mark, "ms"),
      pipestatus: /^\d{1,3}(,\d{1,3}){0,63}$/.test(mark.options.get("pipestatus") ?? "") ? mark.options.get("pipestatus") : void 0,
      verified: "no"
    };
    this.verify(mark, fields), this.options.event("command-end", fields);
  }
  /** Sets `fields.verified` now, or later while the hold keeps the event back. */
  verify(mark, fields) {
    let pid = mark.options.get("pid"), nonce = mark.options.get("k"), keys = this.options.keys;
    if (mark.family !== 133 || !keys || pid === void 0 || !PID.test(pid) || nonce === void 0 || !NONCE2.test(nonce)) return;
    let hash = (0, import_node_crypto11.createHash)("sha256").update(nonce).digest("hex"), known2 = this.known.get(pid), accept = (registered) => {
      if (registered !== hash) {
        let refused = this.refused.get(pid) ?? [];
        refused.includes(nonce) || refused.push(nonce), refused.length > MAX_REFUSED && refused.shift(), this.refused.set(pid, refused), this.refused.size > MAX_KNOWN && this.refused.delete(this.refused.keys().next().value);
        return;
      }
      fields.verified = "yes", !(this.nonces.has(nonce) || this.nonces.size >= MAX_NONCES) && (this.nonces.add(nonce), this.options.hold.rewrite((text2) => this.blank(text2)));
    };
    if (known2 && known2.hash === hash) return accept(hash);
    if (this.refused.get(pid)?.includes(nonce)) return;
    let waiting = this.asking.get(pid);
    if (!waiting) {
      let now = this.options.now();
      for (; this.asked.length > 0 && now - this.asked[0] >= 1e3; ) this.asked.shift();
      if (this.asking.size >= MAX_ASKING || this.asked.length >= MAX_ASKS_PER_SECOND) return;
      this.asked.push(now);
    }
    let release3 = this.options.hold.hold(), answered = !1, done = (registered) => {
      answered || (answered = !0, accept(registered), release3());
    };
    if (waiting) return void waiting.push(done);
    this.asking.set(pid, [done]);
    let timer = setTimeout(() => finish(void 0), ANSWER_MS);
    this.timers.add(timer);
    let finish = (registered) => {
      clearTimeout(timer), this.timers.delete(timer);
      let all = this.asking.get(pid);
      if (all) {
        this.asking.delete(pid), this.known.set(pid, { hash: registered, at: this.options.now() }), this.known.size > MAX_KNOWN && this.known.delete(this.known.keys().next().value);
        for (let each of all) each(registered);
      }
    };
    keys.registered(pid, finish);
  }
};
function numberOption(mark, key2) {
  let value = mark.options.get(key2);
  return value !== void 0 && /^\d{1,15}$/.test(value) ? value : void 0;
}
function pidOption(mark) {
  let value = mark.options.get("pid");
  return value !== void 0 && PID.test(value) ? value : void 0;
}

// src/capture/screen.ts
var ScreenRecorder = class {
  constructor(source, write) {
    this.source = source;
    this.write = write;
  }
  source;
  write;
  inBlock = !1;
  /** The pane entered (true) or left (false) the alternate screen. */
  switched(alternate, reason) {
    if (this.inBlock = alternate, !alternate) {
      this.write([{ event: { state: "leave", reason } }]);
      return;
    }
    let enter = { state: "enter", program: void 0 };
    this.source?.program((name) => {
      enter.program = name;
    }), this.write([{ event: enter }]);
  }
  /** The screen as it shows now. */
  frame(rows) {
    this.write([{ event: { state: "snapshot", rows: rows.length } }, ...rows.map((row) => ({ row }))]);
  }
  /** Rows that left the screen (scrolled off its top, erased) before a frame showed them. */
  scrolledOff(rows) {
    this.write([{ event: { state: "scrolled", rows: rows.length } }, ...rows.map((row) => ({ row }))]);
  }
  /** The recording ends: a block still open is closed, whatever ended it (kill-server, a signal, a stop). */
  close() {
    this.inBlock && (this.inBlock = !1, this.write([{ event: { state: "leave", reason: "end" } }]));
  }
};

// src/capture/recorder.ts
function heldWhileAsking(source, hold) {
  return {
    alternate: source.alternate && ((done) => source.alternate(done)),
    program: (done) => {
      let release3 = hold.hold();
      source.program((name) => {
        done(name), release3();
      });
    }
  };
}
var SIZE_ASK_MS = 1e3, BUSY_MS = 5e3, Recorder = class {
  constructor(stamper, pipeline2, options) {
    this.stamper = stamper;
    this.pipeline = pipeline2;
    this.options = options;
    this.transcript = this.newTranscript(), options.width && options.height && (this.size = { columns: options.width, rows: options.height });
    let hold = options.hold ?? new Hold();
    this.commands = new CommandTracker({
      keys: options.shellKeys,
      hold,
      event: (name, fields) => this.event(name, fields),
      now: options.now
    }), this.screenRecorder = new ScreenRecorder(options.screen && heldWhileAsking(options.screen, hold), (entries) => this.screenEntries(entries));
  }
  stamper;
  pipeline;
  options;
  transcript;
  screenRecorder;
  commands;
  /**
   * The stamp of what is being recorded now: one clock reading per chunk, for
   * everything the chunk produces, and never earlier than the stamp before it
   * (the clock may step back; a timer's event may come between chunks).
   */
  time = 0;
  /** Set while a chunk is being turned into records: they all take its stamp. */
  inChunk = !1;
  sizeAskedAt = Number.NEGATIVE_INFINITY;
  quiet;
  settledAt = 0;
  ended = !1;
  /** Screen switches seen in the stream: an answer from tmux about the screen is stale if one came after the question. */
  switches = 0;
  resyncing = !1;
  /** The size the models have (tmux's, as last told), if known. */
  size;
  /**
   * Opens the recording: `seed` is what the cursor's line already showed,
   * `rowsAbove` the rows of the screen above it, `alternate` whether a
   * full-screen program was up (its screen is then a block from the start).
   */
  start(fields, seed, alternate, rowsAbove) {
    this.transcript.seed(seed, alternate ? [] : rowsAbove), this.event("start", fields), this.pipeline.flush(), alternate && (this.transcript.setAlternate(!0, rowsAbove), this.armSettle());
  }
  /**
   * What the pane already showed when logging started (a start by hand): a
   * `history` event with the capture time and the row count, then the rows as
   * history rows (their own mark `<`, kind `history`), each escaped like any
   * text, so that nothing in them reads as a line printed now, a screen of
   * now, or an event.
   */
  history(captured, rows) {
    this.event("history", { captured: new Date(captured).toISOString(), lines: rows.length });
    let time = this.stamp();
    for (let row of rows) this.pipeline.push(this.stamper.output("history", row, time));
    this.pipeline.flush();
  }
  /** A chunk of the pane's output, as read. */
  push(chunk) {
    let time = this.tick();
    this.inChunk = !0;
    try {
      this.transcript.push(chunk, this.time), this.transcript.busy && time - this.settledAt >= BUSY_MS && (this.settledAt = time, this.transcript.settle("busy"), this.askSize());
    } catch (error) {
      this.terminalFailed(error, chunk.length);
    } finally {
      this.inChunk = !1;
    }
    this.pipeline.flush(), this.armSettle();
  }
  /** While the screen model has the stream: a settle once the pane has been quiet (refreshed by each chunk). */
  armSettle() {
    if (!(this.ended || !this.transcript.busy)) {
      if (this.quiet) {
        this.quiet.refresh();
        return;
      }
      this.settledAt ||= this.time, this.quiet = setTimeout(() => {
        this.quiet = void 0, !this.ended && (this.settledAt = this.tick(), this.transcript.settle("quiet"), this.pipeline.flush(), this.checkAlternate());
      }, QUIET_MS);
    }
  }
  /** The recorder's own event, in order with the output; `notAfter`: it goes ahead of records stamped that early. */
  event(name, fields, notAfter) {
    let time = this.stamp();
    this.pipeline.push(this.stamper.event(name, fields, notAfter !== void 0 && notAfter < time ? notAfter : time));
  }
  /** End of input: what is left of the last line is recorded, and anything held is let go. */
  endOfInput() {
    this.tick(), this.ended = !0, clearTimeout(this.quiet), this.quiet = void 0, this.transcript.end(), this.screenRecorder.close(), this.commands.close(), this.pipeline.settle();
  }
  /** The last event, then everything delivered and closed. */
  async stop(fields) {
    this.event("stop", fields), await this.pipeline.close();
  }
  /** LineSink: a finished line of output. */
  line(text2, continued) {
    this.commands.blanking && (text2 = this.commands.blank(text2)), continued || this.commands.sawLine(text2), this.pipeline.push(this.stamper.output(continued ? "piece" : "line", text2, this.stamp()));
  }
  /** ScreenSink: a logged row that now shows other text, as it settled. */
  redrawn(text2) {
    this.commands.blanking && (text2 = this.commands.blank(text2)), this.pipeline.push(this.stamper.output("redrawn", text2, this.stamp()));
  }
  /** ScreenSink: redrawn states of rows that left the screen unlogged, the redraw budget being spent (terminal/hybrid.ts). */
  skipped(redraws, chars) {
    this.event("dropped", { lines: redraws, chars, reason: "redraw-budget" });
  }
  /** ScreenSink: the line just logged (text a clear took away) was shown and cleared this many more times (terminal/hybrid.ts erasedLine). */
  repeated(times) {
    this.event("repeated", { times });
  }
  /** ScreenSink: the pane is larger than the screen model: what it draws past the model's edge is not logged as it shows. */
  clipped(columns, rows) {
    this.event("screen", { state: "clipped", columns, rows, model: `${MAX_COLUMNS}x${MAX_ROWS}` });
  }
  /** ScreenSink: the alternate screen as it shows now. */
  frame(rows) {
    this.screenRecorder.frame(rows);
  }
  /** ScreenSink: rows that left the alternate screen before a frame showed them. */
  scrolledOff(rows) {
    this.screenRecorder.scrolledOff(rows);
  }
  /** LineSink: a semantic-prompt mark (a shell's command, or one forged by output: commands.ts tells them apart). */
  osc(command, data, truncated) {
    this.commands.mark(command, data, truncated, () => this.transcript.pendingText());
  }
  /** LineSink: the pane switched screens. */
  screen(alternate) {
    this.switches++, this.screenRecorder.switched(alternate, !alternate && this.resyncing ? "resync" : void 0);
  }
  /** Quiet in a full-screen block: tmux is asked (without waiting) whether the pane really is still in the alternate screen. */
  checkAlternate() {
    let ask = this.options.screen?.alternate;
    if (!ask || !this.transcript.inAlternate) return;
    let switches = this.switches;
    ask((on) => {
      if (!(on !== !1 || this.ended || switches !== this.switches || !this.transcript.inAlternate)) {
        this.tick(), this.resyncing = !0;
        try {
          this.transcript.resync();
        } finally {
          this.resyncing = !1;
        }
        this.pipeline.flush();
      }
    });
  }
  /** LineSink: a cursor move stopped at the edge of the size we know; the pane may be larger now. */
  clamped() {
    this.askSize();
  }
  /** Asks tmux for the pane's size, at most every SIZE_ASK_MS; the answer resizes the models. Never waits on tmux. */
  askSize() {
    let ask = this.options.paneSize;
    !ask || this.time - this.sizeAskedAt < SIZE_ASK_MS || (this.sizeAskedAt = this.time, ask((size2) => {
      size2 !== void 0 && this.resized(size2);
    }));
  }
  /** The pane's size, as tmux said it (asked here, or on the resize signal: capture/resize-hold.ts); the models take it before the next read. */
  resized(size2) {
    if (this.ended) return;
    this.tick();
    let before2 = this.size;
    this.size = { columns: size2.columns, rows: size2.rows };
    try {
      this.transcript.resize(size2.columns, size2.rows);
    } catch (error) {
      this.terminalFailed(error, 0);
    }
    (!before2 || before2.columns !== size2.columns || before2.rows !== size2.rows) && this.transcript.inAlternate && this.event("resize", { from: before2 ? `${before2.columns}x${before2.rows}` : void 0, to: `${size2.columns}x${size2.rows}` }), this.pipeline.flush();
  }
  /** The terminal layer as it starts: the pane's width, and what the window lets the pane switch. */
  newTranscript() {
    return new Transcript(this, {
      columns: this.options.width,
      rows: this.options.height,
      newlineReturns: this.options.newlineReturns,
      noAlternateScreen: this.options.noAlternateScreen
    });
  }
  /**
   * A fault in the terminal layer (a bug, reached by some output) must not end
   * the recording: it is said in the log, with the size of the read it failed
   * on (part of which may be missing), and the terminal layer starts afresh. Without
   * this, any pane could stop its own logging by printing the bytes that hit it.
   */
  terminalFailed(error, bytes) {
    let failed = this.transcript;
    this.transcript = this.newTranscript(), this.event("error", { message: error.message, where: "terminal", read: bytes, recovered: "yes" });
    try {
      failed.end();
    } catch {
    }
  }
  /** Reads the clock for a new chunk or event, never going back. */
  tick() {
    let now = this.options.now();
    return now > this.time && (this.time = now), this.time;
  }
  /** The stamp for a record made now: the chunk's while one is being read, else a fresh reading. */
  stamp() {
    return this.inChunk ? this.time : this.tick();
  }
  screenEntries(entries) {
    let time = this.stamp();
    for (let entry of entries)
      "event" in entry ? this.pipeline.push(this.stamper.event("screen", entry.event, time)) : this.pipeline.push(this.stamper.output("screen", this.commands.blanking ? this.commands.blank(entry.row) : entry.row, time));
    this.pipeline.flush();
  }
};

// src/capture/resize-hold.ts
var ResizeHold = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /** A question is out. */
  asking = !1;
  /** A signal came while it was out: ask again when it is answered. */
  again = !1;
  /** Reads wait (set by a signal, cleared when the answer is in, or at the limits). */
  holding = !1;
  /** Copies (the reader's buffer is reused), and what came to the recorder meanwhile, in order. */
  held = [];
  heldBytes = 0;
  timer;
  ended = !1;
  draining = !1;
  /** A read. */
  push(chunk) {
    if (!this.holding) return this.options.deliver(chunk);
    this.held.push(Buffer.from(chunk)), this.heldBytes += chunk.length, this.heldBytes > (this.options.holdBytes ?? 1048576) && this.release();
  }
  /** Something for the recorder other than a read: now, or after the reads held before it. */
  inOrder(action) {
    if (!this.holding) return action();
    this.held.push(action);
  }
  /** SIGWINCH: the pane's size may have changed. Never throttled: each signal is a resize tmux made. */
  signalled() {
    if (!this.ended) {
      if (this.holding || (this.holding = !0, this.timer = setTimeout(() => this.release(), this.options.holdMs ?? 200), this.timer.unref?.()), this.asking) {
        this.again = !0;
        return;
      }
      this.ask();
    }
  }
  /** Lets go of what is held, and holds nothing more (the reader is stopping). */
  end() {
    this.ended = !0, this.release();
  }
  ask() {
    this.asking = !0, this.options.ask((size2) => {
      if (this.asking = !1, !this.ended) {
        if (size2 && this.options.resized(size2), this.again) {
          this.again = !1, this.ask();
          return;
        }
        this.release();
      }
    });
  }
  release() {
    if (clearTimeout(this.timer), this.timer = void 0, !this.draining) {
      this.draining = !0;
      try {
        for (let i = 0; i < this.held.length; i++) {
          let item = this.held[i];
          typeof item == "function" ? item() : this.options.deliver(item);
        }
      } finally {
        this.draining = !1, this.holding = !1, this.held = [], this.heldBytes = 0;
      }
    }
  }
};

// src/capture/size-questions.ts
var SizeQuestions = class {
  asked = 0;
  taken = 0;
  /** The size last taken (the models' size), or the one the recording started with. */
  known;
  constructor(start2) {
    this.known = start2;
  }
  /** A question about to be sent: its number. */
  ask() {
    return ++this.asked;
  }
  /** Its answer: the size to take, or undefined when tmux could not say or a newer answer was taken already. */
  answer(question, size2) {
    if (!(size2 === void 0 || question <= this.taken))
      return this.taken = question, this.known = size2, size2;
  }
  /** Whether an answer (not taken: the beat's) says a size other than the models'; a stale one says nothing. */
  differs(question, size2) {
    return size2 === void 0 || question <= this.taken ? !1 : this.known === void 0 || this.known.columns !== size2.columns || this.known.rows !== size2.rows;
  }
};

// src/capture/place-watch.ts
var WHERE_FORMAT = ["#{session_id}", "#{session_name}", "#{window_id}", "#{window_index}", "#{pane_index}"];
function parseWhere(answer, separator) {
  let [sessionId, session, windowId, window, pane] = answer.replace(/\n$/, "").split(separator);
  if (!(!sessionId?.startsWith("$") || !windowId?.startsWith("@") || !/^\d+$/.test(window ?? "") || !/^\d+$/.test(pane ?? "")))
    return { sessionId, session, windowId, window, pane };
}
var PlaceWatch = class {
  /**
   * `start`: where the recording started, as its start planned it (session name, window and pane index). The first
   * answer comes from a tmux call made as the reader starts, which tmux may run after a join-pane made right after
   * the start (seen in a CI run at load): then it, not the start, would have been taken for where the pane began and
   * the move never said. Compared by name and index (no ids were kept): a rename in that moment is said as a move.
   */
  constructor(start2) {
    this.start = start2;
  }
  start;
  last;
  /**
   * The pane seen at `where` now: the `moved` event's fields when it is not
   * where it was last seen (the first answer: where it started).
   */
  seen(where) {
    let before2 = this.last;
    if (this.last = where, !before2) {
      let start2 = this.start;
      return start2 === void 0 || start2.session === where.session && start2.window === where.window && start2.pane === where.pane ? void 0 : { to: `${where.session}:${where.window}.${where.pane}` };
    }
    if (!(before2.sessionId === where.sessionId && before2.windowId === where.windowId && before2.window === where.window && before2.pane === where.pane))
      return { to: `${where.session}:${where.window}.${where.pane}` };
  }
};

// src/capture/note-facts.ts
var import_node_crypto12 = require("node:crypto");
function noteFacts(tmux, paneId, note, done) {
  let nonce = `facts-${(0, import_node_crypto12.randomBytes)(8).toString("hex")}:`, client = typeof note.fields.client == "string" ? note.fields.client : "", from = typeof note.fields.from == "string" ? note.fields.from : "", args = ["display-message", "-p", "-t", paneId, `${nonce}pane:${["#{session_id}", "#{session_name}", "#{window_name}"].join(FIELD_SEPARATOR)}`];
  client && (args.push(";", "list-clients", "-F", `${nonce}client:${CLIENT_FORMATS.map((format2) => `#{${format2}}`).join(FIELD_SEPARATOR)}`), args.push(";", "display-message", "-p", `${nonce}option:#{${clientOption(client)}}`)), from && args.push(";", "display-message", "-p", "-t", from, `${nonce}from:#{session_name}`), tmux.ask(args, (stdout) => {
    let lines = (stdout ?? "").split(`
`), of = (kind) => lines.filter((line3) => line3.startsWith(`${nonce}${kind}:`)).map((line3) => line3.slice(nonce.length + kind.length + 1)), pane = of("pane")[0];
    if (pane === void 0) return done(void 0);
    let [sessionId = "", session = "", windowName = ""] = pane.split(FIELD_SEPARATOR);
    if (note.name === "rename") return done({ to: session });
    if (note.name === "window-rename") return done({ to: windowName });
    if (!client) return done(void 0);
    let row = clientRow(of("client"), client, FIELD_SEPARATOR);
    if (note.name === "detach") {
      if (row) return done(void 0);
      let user = remembered(of("option")[0] ?? "", client)?.user;
      return done({ client, user: user || void 0 });
    }
    return row ? note.name === "attach" ? done(row.sessionId === sessionId ? clientFields(row) : void 0) : row.sessionId !== sessionId ? done({ client, user: row.user || void 0, to: row.session }) : done({ ...clientFields(row), from_session: of("from")[0] || void 0 }) : done(void 0);
  });
}

// src/core/status.ts
var DEFAULT_STATUS_ON = OPTIONS.statusOn.default, DEFAULT_STATUS_OFF = OPTIONS.statusOff.default, DEFAULT_STATUS_STALLED = OPTIONS.statusStalled.default, BEAT_MS = 5e3, STALLED_AFTER_S = 15;
function escapeBranch(text2) {
  let out = "", depth = 0;
  for (let i = 0; i < text2.length; i++) {
    let char = text2[i];
    if (char === "#" && i + 1 < text2.length) {
      let next = text2[i + 1];
      next === "{" && depth++, out += char + next, i++;
    } else char === "}" ? depth > 0 ? (depth--, out += char) : out += "#}" : char === "," && depth === 0 ? out += "#," : out += char;
  }
  return out;
}
function statusSegment(on, off, stalled = DEFAULT_STATUS_STALLED) {
  let shownOff = escapeBranch(off), live = `#{?#{e|<:#{${PANE_OPTIONS.beat}},#{e|-:%s,${STALLED_AFTER_S}}},${escapeBranch(stalled)},${escapeBranch(on)}}`;
  return `#{?pane_pipe,#{?${PANE_OPTIONS.recording},#{?${OWN_RUN_FILE},${live},${shownOff}},${shownOff}},${shownOff}}`;
}
var OWN_RUN_FILE = `#{m/r:/#{pid}-#{s/^.//:pane_id}(-#{${PANE_OPTIONS.recording}})?[.]json$,#{${PANE_OPTIONS.runFile}}}`;

// src/pipeline/backlog.ts
var BacklogGuard = class {
  constructor(options) {
    this.options = options;
    this.limit = options.limit ?? 16777216;
  }
  options;
  lines = 0;
  chars = 0;
  lastDroppedTime = 0;
  check;
  limit;
  /** The queue has drained while lines were being dropped: the event must not wait for more output. */
  drained = () => {
  };
  push(record, next) {
    if (record.kind !== "line" && record.kind !== "piece") return next(record);
    if (this.options.pressure() > (this.lines > 0 ? this.limit / 2 : this.limit)) {
      this.lines === 0 && (this.check = setInterval(() => {
        this.options.pressure() <= this.limit / 2 && this.drained();
      }, 500)), this.lines++, this.chars += record.text.length, this.lastDroppedTime = record.time;
      return;
    }
    this.lines > 0 && this.endGap(next, record.time), next(record);
  }
  connect(settle2) {
    this.drained = settle2;
  }
  settle(next) {
    this.lines > 0 && this.endGap(next, this.lastDroppedTime);
  }
  close() {
    clearInterval(this.check);
  }
  endGap(next, time) {
    let event = this.options.dropped(this.lines, this.chars, time);
    clearInterval(this.check), this.lines = 0, this.chars = 0, next(event);
  }
};

// src/pipeline/pipeline.ts
var Pipeline = class {
  constructor(transforms, sinks) {
    this.transforms = transforms;
    this.sinks = sinks;
    let fanOut = (record) => {
      record.seq = this.seq++;
      for (let i = 0; i < sinks.length; i++) sinks[i].write(record);
    };
    this.nexts = [];
    let next = fanOut;
    for (let i = transforms.length - 1; i >= 0; i--) {
      this.nexts[i] = next;
      let transform = transforms[i], after = next;
      next = (record) => transform.push(record, after);
    }
    this.entry = next;
    for (let transform of transforms) transform.connect?.(() => this.settle());
  }
  transforms;
  sinks;
  entry;
  nexts;
  seq = 0;
  push(record) {
    this.entry(record);
  }
  /** The end of a burst: the sinks send what they batched. */
  flush() {
    for (let sink of this.sinks) sink.flush();
  }
  /** Lets every transform pass on what it holds, then flushes. */
  settle() {
    for (let i = 0; i < this.transforms.length; i++) this.transforms[i].settle?.(this.nexts[i]);
    this.flush();
  }
  async close() {
    for (let transform of this.transforms) transform.close?.();
    this.settle(), await Promise.all(this.sinks.map((sink) => sink.close()));
  }
};

// src/runtime/input.ts
var import_node_net = __nodeBuiltin(require("node:net"));

// src/core/pacing.ts
function pauseAfterRead(bytes) {
  return bytes >= 2048 && bytes < 65536 ? 1 : 0;
}

// src/runtime/input.ts
function readInput(handlers) {
  let socket, stopped = !1, resume;
  try {
    let buffer = Buffer.allocUnsafe(1048576);
    socket = new import_node_net.default.Socket({
      fd: 0,
      readable: !0,
      writable: !1,
      onread: {
        buffer,
        callback: (length) => {
          if (handlers.data(buffer.subarray(0, length)), stopped) return !1;
          let pause2 = pauseAfterRead(length);
          return pause2 === 0 ? !0 : (resume = setTimeout(() => {
            resume = void 0, stopped || socket.resume();
          }, pause2), !1);
        }
      }
    });
  } catch {
    let stdin = process.stdin;
    return stdin.on("data", handlers.data), stdin.on("end", handlers.end), stdin.on("error", handlers.error), () => stdin.pause();
  }
  return socket.on("end", handlers.end), socket.on("error", handlers.error), () => {
    stopped = !0, clearTimeout(resume), socket.pause();
  };
}

// src/sinks/file/cast.ts
var import_node_fs19 = __nodeBuiltin(require("node:fs")), import_node_string_decoder = require("node:string_decoder"), import_node_path20 = __nodeBuiltin(require("node:path"));

// src/sinks/file/strip-marks.ts
var MarkStripper = class {
  state = 0 /* Ground */;
  /** The held start (ESC, `ESC ]`, digits): written when it turns out not to be a mark. */
  held = Buffer.alloc(32);
  heldLength = 0;
  number = 0;
  /** The chunk without marks: a copy, or the chunk itself when it has nothing to drop or hold. */
  push(chunk) {
    if (this.state === 0 /* Ground */ && chunk.indexOf(27) < 0) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let out = Buffer.allocUnsafe(chunk.length + this.heldLength), o = 0;
    for (let i = 0; i < chunk.length; i++) {
      let b = chunk[i];
      switch (this.state) {
        case 0 /* Ground */:
          b === 27 ? this.hold(1 /* Escape */, b) : out[o++] = b;
          break;
        case 1 /* Escape */:
        case 4 /* MarkEscape */:
          b === 92 && this.state === 4 /* MarkEscape */ ? (this.state = 0 /* Ground */, this.heldLength = 0) : b === 93 ? (this.held[this.heldLength++] = b, this.state = 2 /* Start */, this.number = 0) : (o = this.release(out, o), this.state = 0 /* Ground */, i--);
          break;
        case 2 /* Start */:
          b >= 48 && b <= 57 && this.heldLength < 32 ? (this.held[this.heldLength++] = b, this.number = Math.min(this.number * 10 + (b - 48), 1e5)) : b === 59 && (this.number === 133 || this.number === 633) ? (this.heldLength = 0, this.state = 3 /* Mark */) : b < 32 && b !== 27 && b !== 7 && b !== 24 && b !== 26 && this.heldLength < 32 ? this.held[this.heldLength++] = b : (o = this.release(out, o), this.state = 0 /* Ground */, i--);
          break;
        case 3 /* Mark */:
          b === 27 ? this.hold(4 /* MarkEscape */, b) : (b === 7 || b === 24 || b === 26) && (this.state = 0 /* Ground */);
          break;
      }
    }
    return out.subarray(0, o);
  }
  /** End of stream: a held start that never became a mark. */
  end() {
    let rest = this.state === 1 /* Escape */ || this.state === 2 /* Start */ || this.state === 4 /* MarkEscape */ ? Buffer.from(this.held.subarray(0, this.heldLength)) : Buffer.alloc(0);
    return this.heldLength = 0, this.state = 0 /* Ground */, rest;
  }
  hold(state, b) {
    this.state = state, this.heldLength = 0, this.held[this.heldLength++] = b;
  }
  release(out, o) {
    if (o + this.heldLength > out.length) throw new Error("mark stripper overflow");
    return this.held.copy(out, o, 0, this.heldLength), o += this.heldLength, this.heldLength = 0, o;
  }
};

// src/sinks/file/writer.ts
var import_node_fs18 = __nodeBuiltin(require("node:fs")), import_node_path19 = __nodeBuiltin(require("node:path"));

// src/core/rotate.ts
function needsRotation(currentSize, incoming, maxBytes) {
  return currentSize > 0 && currentSize + incoming > maxBytes;
}
function nextLocalMidnight(ms) {
  let date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}
function rotationDue(rotate, size2, incoming, maxBytes, lastWrite, now) {
  return size2 === 0 ? !1 : rotate !== "daily" && size2 + incoming > maxBytes ? !0 : rotate !== "size" && now >= nextLocalMidnight(lastWrite);
}
function utcStamp(date) {
  return date.toISOString().replace(/[-:]/g, "");
}
function rotatedName(live, date, taken) {
  let base = `${live}.${utcStamp(date)}`, highest = -1;
  for (let name2 of taken) {
    let plain = name2.endsWith(".gz") ? name2.slice(0, -3) : name2;
    plain === base ? highest = Math.max(highest, 0) : plain.startsWith(`${base}-`) && /^\d{1,15}$/.test(plain.slice(base.length + 1)) && (highest = Math.max(highest, Number(plain.slice(base.length + 1))));
  }
  let name = highest < 0 ? base : `${base}-${highest + 1}`;
  for (let n = highest + 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}
function escapeRegExp(text2) {
  return text2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function rotatedFiles(names, live) {
  let pattern = new RegExp(`^${escapeRegExp(live)}\\.(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d+))?(\\.gz)?$`), present = new Set(names), found = [];
  for (let name of names) {
    let match2 = pattern.exec(name);
    match2 && !(match2[3] && present.has(name.slice(0, -3))) && found.push({ name, time: match2[1], n: Number(match2[2] ?? 0) });
  }
  return found.sort((a, b) => a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n), found.map((file) => file.name);
}
function rotatedAt(name) {
  let m = /\.(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{3})Z(?:-\d+)?(?:\.gz)?$/.exec(name);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7])) : void 0;
}
function filesTooOld(names, live, maxAgeMs, now) {
  return Number.isFinite(maxAgeMs) ? rotatedFiles(names, live).filter((name) => now - rotatedAt(name) > maxAgeMs) : [];
}
function filesToCompress(names, live) {
  return rotatedFiles(names, live).slice(0, -1).filter((name) => !name.endsWith(".gz"));
}
function filesToPrune(names, live, keep) {
  let rotated = rotatedFiles(names, live);
  return rotated.slice(0, Math.max(0, rotated.length - keep));
}

// src/sinks/file/queue.ts
var ByteQueue = class {
  fill = Buffer.allocUnsafe(262144);
  spare = Buffer.allocUnsafe(262144);
  used = 0;
  /** End offset of each piece in `fill`. */
  ends = [];
  /** Bytes queued. */
  get length() {
    return this.used;
  }
  /** Bytes in the first piece (0 when empty). */
  get firstPiece() {
    return this.ends.length > 0 ? this.ends[0] : 0;
  }
  /** Queues `data` (text as UTF-8, bytes as they are); returns how many bytes that is. */
  push(data) {
    let worst = typeof data == "string" ? data.length * 3 : data.length;
    this.used + worst > this.fill.length && (this.fill = this.grown(this.fill, this.used + worst));
    let start2 = this.used;
    return typeof data == "string" ? this.used += this.fill.write(data, this.used) : (this.fill.set(data, this.used), this.used += data.length), this.ends.push(this.used), this.used - start2;
  }
  /** Removes whole pieces up to `limit` bytes (at least one) and returns them, valid until the next take. */
  take(limit) {
    let last = 0;
    for (; last + 1 < this.ends.length && this.ends[last + 1] <= limit; ) last++;
    let cut2 = this.ends[last], taken = this.fill.subarray(0, cut2), rest = this.used - cut2;
    return this.spare.length < rest && (this.spare = this.grown(this.spare, rest)), this.fill.copy(this.spare, 0, cut2, this.used), this.ends = this.ends.slice(last + 1).map((end) => end - cut2), [this.fill, this.spare] = [this.spare, this.fill], this.used = rest, taken;
  }
  /** When empty, gives back what a flood made the buffers grow to. */
  shrink() {
    this.used > 0 || (this.fill.length > 262144 && (this.fill = Buffer.allocUnsafe(262144)), this.spare.length > 262144 && (this.spare = Buffer.allocUnsafe(262144)));
  }
  /** Puts bytes that could not be written back at the head, as one piece. */
  unshift(bytes) {
    this.used + bytes.length > this.fill.length && (this.fill = this.grown(this.fill, this.used + bytes.length)), this.fill.copy(this.fill, bytes.length, 0, this.used), bytes.copy(this.fill, 0), this.ends = [bytes.length, ...this.ends.map((end) => end + bytes.length)], this.used += bytes.length;
  }
  /** A bigger buffer holding the first `used` bytes of `buffer` (what matters of `fill`; nothing of `spare`). */
  grown(buffer, needed) {
    let bigger = Buffer.allocUnsafe(Math.max(needed, Math.min(buffer.length * 2, needed + 8388608)));
    return buffer === this.fill && buffer.copy(bigger, 0, 0, this.used), bigger;
  }
};

// src/sinks/file/moved-away.ts
var import_node_fs15 = __nodeBuiltin(require("node:fs")), import_node_path16 = __nodeBuiltin(require("node:path"));

// src/sinks/file/rotation.ts
var import_node_fs14 = __nodeBuiltin(require("node:fs")), import_node_path15 = __nodeBuiltin(require("node:path"));

// src/core/cast-names.ts
var REC = "[A-Za-z0-9_-]{10}", ROTATION = "\\.\\d{8}T\\d{6}\\.\\d{3}Z(?:-\\d+)?(?:\\.gz)?";
function escapeRegExp2(text2) {
  return text2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function castsOfLog(names, live) {
  if (!live.endsWith(".log")) return [];
  let pattern = new RegExp(`^(${escapeRegExp2(live.slice(0, -4))}\\.${REC}\\.cast)(?:${ROTATION})?$`), casts = /* @__PURE__ */ new Set();
  for (let name of names) {
    let match2 = pattern.exec(name);
    match2 && casts.add(match2[1]);
  }
  return [...casts].sort();
}
function castFilesOfLog(names, live) {
  if (!live.endsWith(".log")) return [];
  let pattern = new RegExp(`^(${escapeRegExp2(live.slice(0, -4))}\\.${REC}\\.cast)(?:\\.(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d+))?(\\.gz)?)?$`), present = new Set(names), casts = /* @__PURE__ */ new Map();
  for (let name of names) {
    let match2 = pattern.exec(name);
    if (!match2 || match2[4] && present.has(name.slice(0, -3))) continue;
    let parts = casts.get(match2[1]) ?? [];
    parts.push({ name, time: match2[2] ?? "~", n: Number(match2[3] ?? 0) }), casts.set(match2[1], parts);
  }
  return [...casts.keys()].sort().flatMap((cast) => casts.get(cast).sort((a, b) => a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n).map((part) => part.name));
}
function castsTooOld(names, live, maxAgeMs, now) {
  return castsOfLog(names, live).flatMap((cast) => filesTooOld(names, cast, maxAgeMs, now));
}

// src/sinks/file/compress.ts
var import_node_fs13 = __nodeBuiltin(require("node:fs")), import_node_stream = require("node:stream"), import_node_zlib = __nodeBuiltin(require("node:zlib"));
var { O_WRONLY: O_WRONLY2, O_CREAT: O_CREAT3, O_EXCL: O_EXCL2, O_NOFOLLOW: O_NOFOLLOW4, O_RDONLY: O_RDONLY4 } = import_node_fs13.default.constants, STALE_TEMP_MS = 10 * 6e4;
function compressInBackground(file, done = () => {
}, planted) {
  let temp = `${file}.gz.tmp`, stale = import_node_fs13.default.lstatSync(temp, { throwIfNoEntry: !1 });
  if (stale) {
    if (!isOwnFile(temp))
      return planted?.(temp), done();
    if (Date.now() - stale.mtimeMs < STALE_TEMP_MS) return done();
    import_node_fs13.default.rmSync(temp, { force: !0 });
  }
  let input, output;
  try {
    input = import_node_fs13.default.openSync(file, O_RDONLY4 | O_NOFOLLOW4);
  } catch (error) {
    return done(error);
  }
  try {
    output = import_node_fs13.default.openSync(temp, O_WRONLY2 | O_CREAT3 | O_EXCL2 | O_NOFOLLOW4, 384);
  } catch (error) {
    return import_node_fs13.default.closeSync(input), done(error.code === "EEXIST" ? void 0 : error);
  }
  let out = import_node_fs13.default.createWriteStream("", { fd: output, autoClose: !1 });
  (0, import_node_stream.pipeline)(import_node_fs13.default.createReadStream("", { fd: input }), import_node_zlib.default.createGzip(), out, (error) => {
    try {
      if (error) throw error;
      import_node_fs13.default.fsyncSync(output), import_node_fs13.default.closeSync(output), import_node_fs13.default.renameSync(temp, `${file}.gz`), import_node_fs13.default.rmSync(file, { force: !0 }), done();
    } catch (failure2) {
      try {
        import_node_fs13.default.closeSync(output);
      } catch {
      }
      import_node_fs13.default.rmSync(temp, { force: !0 }), done(failure2);
    }
  });
}

// src/sinks/file/rotation.ts
var { O_WRONLY: O_WRONLY3, O_RDONLY: O_RDONLY5, O_CREAT: O_CREAT4, O_EXCL: O_EXCL3, O_NOFOLLOW: O_NOFOLLOW5, O_NONBLOCK: O_NONBLOCK4 } = import_node_fs14.default.constants, STALE_LOCK_MS2 = 1e4;
function sameFile(mine, current) {
  return current !== void 0 && current.ino === mine.ino && current.dev === mine.dev;
}
var COMPRESS_AFTER_MS = 6e4;
function rotateUnderLock(file, fd, maxFiles, reopen, pruned, retention) {
  let lock = rotationLockPath(file), held2 = acquire(lock);
  if (!held2) return !1;
  try {
    let held3 = import_node_fs14.default.fstatSync(fd);
    if (!sameFile(held3, import_node_fs14.default.lstatSync(file, { throwIfNoEntry: !1 }))) return !1;
    {
      let dir = import_node_path15.default.dirname(file), live = import_node_path15.default.basename(file), names = import_node_fs14.default.readdirSync(dir), rotated = rotatedName(live, /* @__PURE__ */ new Date(), new Set(names)), all = rotatedFiles(names, live), ours2 = all.filter((name) => isOwnFile(import_node_path15.default.join(dir, name))), kept = [...ours2, rotated], doomed = new Set(filesToPrune(kept, live, maxFiles));
      if (retention) for (let old of filesTooOld(kept, live, retention.maxAgeMs, retention.now)) doomed.add(old);
      try {
        import_node_fs14.default.renameSync(file, import_node_path15.default.join(dir, rotated));
      } catch (error) {
        if (error.code === "ENOENT") return !1;
        throw error;
      }
      if (!sameFile(import_node_fs14.default.fstatSync(fd), import_node_fs14.default.lstatSync(import_node_path15.default.join(dir, rotated), { throwIfNoEntry: !1 })))
        return putBack(import_node_path15.default.join(dir, rotated), file), !1;
      let note = () => noteRotated(file, held3, retention?.ledgerKey, rotatedPart(live, rotated), [...doomed].map((name) => rotatedPart(live, name))), noted = !1;
      try {
        noted = note();
      } catch {
      }
      if (retention) {
        let mine = new Set(ours2);
        for (let other of filesTooOld(all, live, retention.maxAgeMs, retention.now)) mine.has(other) || retention.planted?.(import_node_path15.default.join(dir, other));
        for (let cast of castsTooOld(names, live, retention.maxAgeMs, retention.now)) {
          let target = import_node_path15.default.join(dir, cast);
          isOwnFile(target) ? import_node_fs14.default.rmSync(target, { force: !0 }) : retention.planted?.(target);
        }
      }
      for (let old of doomed)
        import_node_fs14.default.rmSync(import_node_path15.default.join(dir, old), { force: !0 }), pruned?.(import_node_path15.default.join(dir, old));
      if (!noted)
        try {
          note();
        } catch {
        }
      if (retention?.renamed?.(rotatedPart(live, rotated), held3.size), retention?.compress) {
        let quietSince = Date.now() - COMPRESS_AFTER_MS;
        for (let name of filesToCompress(kept.filter((name2) => !doomed.has(name2)), live)) {
          let target = import_node_path15.default.join(dir, name), stat = import_node_fs14.default.lstatSync(target, { throwIfNoEntry: !1 });
          !stat || stat.mtimeMs > quietSince || compressInBackground(target, (error) => retention.compressed?.(target, error), retention.planted);
        }
      }
    }
    return reopen(), !0;
  } finally {
    release(lock, held2);
  }
}
var DIGEST_LOCK_WAIT_MS = 20, DIGEST_LOCK_TRIES = 250;
function noteDigestUnderLock(file, rotated, digest, key2, done = () => {
}, tries = DIGEST_LOCK_TRIES) {
  let noted;
  try {
    noted = withRotationLock(file, () => noteDigest(file, rotated, digest, key2));
  } catch {
    return done(!1);
  }
  if (noted !== void 0) return done(noted);
  if (tries <= 1) return done(!1);
  setTimeout(() => noteDigestUnderLock(file, rotated, digest, key2, done, tries - 1), DIGEST_LOCK_WAIT_MS).unref();
}
function putBack(rotated, file) {
  try {
    import_node_fs14.default.linkSync(rotated, file);
  } catch {
    return;
  }
  import_node_fs14.default.rmSync(rotated, { force: !0 });
}
function withRotationLock(file, fn) {
  let lock = rotationLockPath(file), held2 = acquire(lock);
  if (held2)
    try {
      return fn();
    } finally {
      release(lock, held2);
    }
}
function release(lock, held2) {
  let now = import_node_fs14.default.lstatSync(lock, { bigint: !0, throwIfNoEntry: !1 });
  now && now.dev === held2.dev && now.ino === held2.ino && now.ctimeNs === held2.ctimeNs && import_node_fs14.default.rmSync(lock, { force: !0 });
}
var seenHeld = /* @__PURE__ */ new Map(), LOOKS_APART_MS = 1e3;
function heldFor(lock, stat, holder) {
  let now = Date.now(), seen = seenHeld.get(lock);
  return seen && seen.dev === stat.dev && seen.ino === stat.ino && seen.birth === stat.birthtimeMs && seen.holder === holder && now - seen.last < LOOKS_APART_MS ? (seen.last = now, now - seen.since) : (seenHeld.set(lock, { dev: stat.dev, ino: stat.ino, birth: stat.birthtimeMs, holder, since: now, last: now }), 0);
}
function acquire(lock) {
  for (let attempt = 0; attempt < 2; attempt++)
    try {
      let fd = import_node_fs14.default.openSync(lock, O_WRONLY3 | O_CREAT4 | O_EXCL3 | O_NOFOLLOW5 | O_NONBLOCK4, 384);
      seenHeld.delete(lock);
      try {
        return import_node_fs14.default.writeSync(fd, String(process.pid)), import_node_fs14.default.fstatSync(fd, { bigint: !0 });
      } finally {
        import_node_fs14.default.closeSync(fd);
      }
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      let holder, age, stat;
      try {
        let held2 = import_node_fs14.default.openSync(lock, O_RDONLY5 | O_NOFOLLOW5 | O_NONBLOCK4);
        try {
          if (holder = import_node_fs14.default.readFileSync(held2, "utf8"), stat = import_node_fs14.default.fstatSync(held2), !stat.isFile() || stat.uid !== (process.geteuid?.() ?? 0))
            throw new AuditError(`${lock} is not a rotation lock of ours (${stat.isFile() ? `owned by ${userName(stat.uid)}, uid ${stat.uid}` : "not a regular file"}); remove it`);
          age = Date.now() - stat.mtimeMs;
        } finally {
          import_node_fs14.default.closeSync(held2);
        }
      } catch (readError) {
        if (readError.code === "ENOENT") {
          seenHeld.delete(lock);
          continue;
        }
        throw readError;
      }
      if (age < STALE_LOCK_MS2 && (holder === "" || processAlive(Number(holder)))) {
        let held2 = heldFor(lock, stat, holder);
        if (held2 >= STALE_LOCK_MS2)
          throw new AuditError(`${lock} has been held for ${Math.round(held2 / 1e3)} s (pid ${holder || "none"}), yet its time is kept recent: no rotation of ours takes so long, nor touches its lock; remove it`);
        return;
      }
      seenHeld.delete(lock);
      let now = import_node_fs14.default.lstatSync(lock, { throwIfNoEntry: !1 });
      now && now.dev === stat.dev && now.ino === stat.ino && now.ctimeMs === stat.ctimeMs && import_node_fs14.default.rmSync(lock, { force: !0 });
    }
}

// src/sinks/file/moved-away.ts
function whyAway(file, mine, dir, key2) {
  if (wasRotated(file, mine, key2)) return "rotated";
  let rotated;
  try {
    rotated = withRotationLock(file, () => wasRotated(file, mine, key2));
  } catch {
    rotated = wasRotated(file, mine, key2);
  }
  if (rotated !== void 0)
    return rotated ? "rotated" : sameFile(dir, import_node_fs15.default.lstatSync(import_node_path16.default.dirname(file), { throwIfNoEntry: !1 })) ? mine.nlink === 0 ? "file" : "moved" : "directory";
}

// src/sinks/file/head-mark.ts
var import_node_fs16 = __nodeBuiltin(require("node:fs")), import_node_path17 = __nodeBuiltin(require("node:path"));
function headNotePath(logFile) {
  return import_node_path17.default.join(import_node_path17.default.dirname(logFile), `.${import_node_path17.default.basename(logFile)}.head`);
}
function previousAt(logFile, rotated) {
  try {
    let [id, at] = readPrivateFile(headNotePath(logFile)).trim().split(" ");
    return id === fileIdentity(rotated) && /^\d{1,16}$/.test(at ?? "") ? Number(at) : 0;
  } catch {
    return 0;
  }
}
function writeHeadMark(logFile, rotated, fd, line3, content) {
  let prev = previousAt(logFile, rotated);
  try {
    let mark = line3(prev, content);
    if (mark === void 0) return prev;
    let bytes = Buffer.from(mark.text);
    for (let offset = 0; offset < bytes.length; ) offset += import_node_fs16.default.writeSync(fd, bytes, offset);
    replaceFileWhole(headNotePath(logFile), `${fileIdentity(import_node_fs16.default.fstatSync(fd))} ${mark.at}
`);
  } catch {
  }
  return prev;
}

// src/sinks/file/file-digest.ts
var import_node_crypto14 = require("node:crypto"), import_node_fs17 = __nodeBuiltin(require("node:fs")), import_node_path18 = __nodeBuiltin(require("node:path"));

// src/chain/head-mark.ts
var import_node_crypto13 = require("node:crypto");
var HEAD_EVENT = "head";
function headTag(key2, rec, logName, at, prev, content) {
  let named = content === void 0 ? "" : `\0${content.dat}\0${content.size}\0${content.sha}`, head = rec === void 0 ? "tmux-audit head" : `tmux-audit head rec\0${rec}`;
  return (0, import_node_crypto13.createHmac)("sha256", key2).update(`${head}\0${logName}\0${at}\0${prev}${named}`).digest("hex").slice(0, SEAL_HEX);
}
function headFields(key2, rec, logName, at, prev, content) {
  let named = content === void 0 ? {} : { dat: String(content.dat), size: String(content.size), sha: content.sha };
  return { file: logName, at: String(at), prev: String(prev), ...named, e: headTag(key2, rec, logName, at, prev, content) };
}
function contentTag(key2, logName, content) {
  return (0, import_node_crypto13.createHmac)("sha256", key2).update(`tmux-audit content\0${logName}\0${content.dat}\0${content.size}\0${content.sha}`).digest("hex").slice(0, SEAL_HEX);
}
var LATE_BYTES = 8 * 1024 * 1024, FileDigest = class {
  constructor(file) {
    this.file = file;
  }
  file;
  hash = (0, import_node_crypto13.createHash)("sha256");
  hashed = 0;
  /** The lines not hashed yet, as read: strings, hashed as UTF-8 (the bytes the file holds). */
  tail = [];
  lengths = [];
  tailBytes = 0;
  add(text2) {
    let length = Buffer.byteLength(text2);
    if (this.tail.push(text2), this.lengths.push(length), this.tailBytes += length, this.tailBytes <= LATE_BYTES + 1024 * 1024) return;
    let end = 0, bytes = 0;
    for (; this.tailBytes - bytes > LATE_BYTES && end < this.tail.length - 1; ) bytes += this.lengths[end++];
    this.feed(this.hash, end), this.hashed += bytes, this.tailBytes -= bytes, this.tail = this.tail.slice(end), this.lengths = this.lengths.slice(end);
  }
  /** Hashes the tail's lines up to `to`, joined a thousand at a time. */
  feed(hash, to) {
    for (let i = 0; i < to; i += 1024) hash.update(this.tail.slice(i, Math.min(to, i + 1024)).join(""), "utf8");
  }
  /**
   * The digest of the first `size` bytes; undefined when the file holds fewer, or they end before the tail kept.
   * They may end inside a line: the writer's fstat may land while another writer's batch is being appended.
   */
  prefix(size2) {
    if (size2 < this.hashed) return;
    let at = this.hashed, end = 0;
    for (; end < this.tail.length && at + this.lengths[end] <= size2; ) at += this.lengths[end++];
    if (at < size2 && end === this.tail.length) return;
    let hash = this.hash.copy();
    return this.feed(hash, end), at < size2 && hash.update(Buffer.from(this.tail[end], "utf8").subarray(0, size2 - at)), hash.digest("hex");
  }
}, MARK_NOT_HELD = "a head mark that does not hold under the key (or names another log)";
function tagHolds(v, key2, at, prev, content) {
  let e = Buffer.from(v.fields?.e ?? "");
  if (!Number.isSafeInteger(at) || !Number.isSafeInteger(prev) || v.fields?.file !== sealLogName(v.file)) return !1;
  let is = (want) => e.length === want.length && (0, import_node_crypto13.timingSafeEqual)(e, Buffer.from(want));
  return is(headTag(key2, v.fields?.rec ?? "", sealLogName(v.file), at, prev, content)) || is(headTag(key2, void 0, sealLogName(v.file), at, prev, content));
}
function markHolds(v, key2) {
  let f = v.fields ?? {}, names = Object.keys(f).sort().join(" ");
  if (names !== "at e file prev rec" && names !== "at dat e file prev rec sha size" || !/^\d{1,16}$/.test(f.at) || !/^\d{1,16}$/.test(f.prev)) return;
  let named = f.dat !== void 0;
  if (named && (!/^\d{1,16}$/.test(f.dat) || !/^\d{1,16}$/.test(f.size) || !/^[0-9a-f]{64}$/.test(f.sha))) return;
  let content = named ? { dat: Number(f.dat), size: Number(f.size), sha: f.sha } : void 0;
  return tagHolds(v, key2, Number(f.at), Number(f.prev), content);
}
var HeadMarks = class {
  /**
   * `bytes`: a file's bytes as it holds them, when the caller can read them. The digest is over bytes, and text
   * read back is not always them: a character cut by a killed reader reads as U+FFFD, three bytes for one.
   */
  constructor(key2, prefixDigest2) {
    this.key = key2;
    this.prefixDigest = prefixDigest2;
  }
  key;
  prefixDigest;
  byFile = /* @__PURE__ */ new Map();
  found = [];
  /** Marks passed over without the key: a forged event each when no recording of the log is keyed (see breaks). */
  unchecked = [];
  /** The first file read, hashed as read (under the key only): the replay reference when its mark holds. */
  oldest;
  /** Takes each line of the first file read, in order (its bytes: a later mark may name the digest of its first ones). */
  line(v) {
    this.key !== void 0 && (this.oldest ??= new FileDigest(v.file), this.oldest.file === v.file && this.oldest.add(v.text));
  }
  /**
   * Takes a head mark line. Only its own fields, as the writer puts them: `e` binds no other, so a field added
   * would be words nothing vouches for. Without the key it proves nothing more, yet is taken only where its writer
   * puts it: as a file's first line, and not in a log whose recordings are unkeyed (see breaks); else it would hide
   * made-up events from plain verify (issue 13, review of trust13b F4). (The first file read may be one a rotation
   * opened, the log's first file pruned: a mark there is not told apart.)
   */
  see(v) {
    let names = Object.keys(v.fields ?? {}).sort().join(" "), digit = /^\d{1,16}$/, named = names === "at dat e file prev rec sha size" && digit.test(v.fields.dat) && digit.test(v.fields.size) && /^[0-9a-f]{64}$/.test(v.fields.sha);
    if (names !== "at e file prev rec" && !named || !digit.test(v.fields.at) || !digit.test(v.fields.prev) || !/^[0-9a-f]+$/.test(v.fields.e)) {
      this.found.push({ kind: "forged event", file: v.file, line: v.line, rec: v.fields?.rec ?? "", detail: "a head mark that is not one (its writer puts file=, at=, prev=, e= and dat=, size=, sha= only)" });
      return;
    }
    if (this.key === void 0) {
      v.line !== 1 ? this.found.push({ kind: "forged event", file: v.file, line: v.line, rec: v.fields?.rec ?? "", detail: "a head mark where its writer puts none (only as the first line of a file)" }) : this.unchecked.push(v);
      return;
    }
    let at = Number(v.fields?.at), prev = Number(v.fields?.prev), rec = v.fields?.rec ?? "", content = named ? { dat: Number(v.fields.dat), size: Number(v.fields.size), sha: v.fields.sha } : void 0;
    if (!tagHolds(v, this.key, at, prev, content)) {
      this.found.push({ kind: "forged event", file: v.file, line: v.line, rec, detail: MARK_NOT_HELD });
      return;
    }
    if (this.byFile.has(v.file)) {
      this.found.push({ kind: "forged event", file: v.file, line: v.line, rec, detail: "a second head mark in one file (its writer puts one in each new file): one from another file of the log, put here" });
      return;
    }
    this.byFile.set(v.file, { at, prev, v, ...content === void 0 ? {} : { content } });
  }
  /**
   * The breaks between files read in order: each file's mark names (prev=) the mark of the file before it. A
   * mark missing where the next names one, or another there, is a replaced or removed mark (or a file between not read).
   * `unkeyed`: whether the log's recordings whose chain is known are all unkeyed; a writer puts marks only under a key.
   */
  breaks(files, unkeyed) {
    let found = [...this.found];
    if (unkeyed)
      for (let v of this.unchecked) found.push({ kind: "forged event", file: v.file, line: v.line, rec: v.fields?.rec ?? "", detail: "a head mark in a log none of whose recordings is keyed (its writer puts them only under a key)" });
    found.push(...this.oldestContent(files[0])), found.push(...this.digestsDropped(files));
    for (let i = 0; i + 1 < files.length; i++) {
      let next = this.byFile.get(files[i + 1]);
      if (next === void 0 || next.prev === 0) continue;
      let mine = this.byFile.get(files[i]);
      if (mine?.at === next.prev) continue;
      let at = mine?.v ?? next.v;
      found.push({
        kind: mine !== void 0 && mine.at < next.prev ? "missing file" : "forged event",
        file: at.file,
        line: at.line,
        rec: at.fields?.rec ?? "",
        detail: mine === void 0 ? `the next file's head mark names one made at ${new Date(next.prev).toISOString()} that is not in ${files[i]}: its head mark removed` : mine.at < next.prev ? `the next file's head mark names one made at ${new Date(next.prev).toISOString()}, later than this file's: a file between them not read` : `the next file's head mark names one made at ${new Date(next.prev).toISOString()}, not this one: a head mark from another file of the log put here`
      });
    }
    return found;
  }
  /**
   * The oldest file read against what a later mark says of its first bytes (by its own mark's at). A pruned file
   * re-created under its name with its saved mark is the only file that can pass for an older one than the oldest
   * left, so that is the one hashed (the files between are checked by their chains).
   */
  oldestContent(file) {
    let mine = file === void 0 ? void 0 : this.byFile.get(file), oldest = this.oldest;
    if (mine === void 0 || oldest === void 0 || oldest.file !== file) return [];
    for (let [other, mark] of this.byFile)
      if (!(other === file || mark.content?.dat !== mine.at) && this.prefixOf(oldest, mark.content.size) !== mark.content.sha)
        return [{ kind: "edited", file, line: mine.v.line, rec: mine.v.fields?.rec ?? "", detail: `the head mark in ${other} holds the digest of this file's first ${mark.content.size} bytes as its rotation left them, and they are not that: the file was rewritten, or made anew under a pruned file's name with its head mark` }];
    return [];
  }
  /**
   * Marks that carry no digest where their writer would have carried one. The digest note (.<log>.digest) is the
   * owner's to remove as it is written, and a mark then carries none: the file it would have named can be made anew
   * unseen (review). An honest writer misses a digest (killed while hashing, or rotating again before its hash ends)
   * only by leaving the note as it was, so the next mark carries an older one; and writers never remove the note, so
   * once a mark carried one, every later mark finds one, until the directory goes with its notes (the next mark then
   * says prev=0, which starts afresh). A mark without one is named only when its recording's writer carries digests
   * (a mark of the same recording read carries one): a reader of an older tmux-audit (marks without digests) does
   * not. Not seen: a note removed before any mark read carried one, or every time, from the log's first rotation on.
   */
  digestsDropped(files) {
    let marks = files.map((file) => this.byFile.get(file)).filter((mark) => mark !== void 0), carries = new Set(marks.filter((mark) => mark.content !== void 0).map((mark) => mark.v.fields?.rec)), found = [], carried;
    for (let mark of marks)
      mark.prev === 0 && (carried = void 0), mark.content !== void 0 ? carried = mark : carried !== void 0 && carries.has(mark.v.fields?.rec) && found.push({ kind: "deleted", file: mark.v.file, line: mark.v.line, rec: mark.v.fields?.rec ?? "", detail: `this head mark carries no digest of an earlier file, though its writer carries them and the one in ${carried.v.file} carried one: the digest note (.${sealLogName(mark.v.file)}.digest) was removed as it was written, which hides an earlier file made anew` });
    return found;
  }
  /** The digest of the oldest file's first `size` bytes: from its bytes when they can be read, else from its lines. */
  prefixOf(oldest, size2) {
    if (this.prefixDigest === void 0) return oldest.prefix(size2);
    try {
      return this.prefixDigest(oldest.file, size2);
    } catch {
      return oldest.prefix(size2);
    }
  }
  /** The files read whose head mark holds under the key (none without it). */
  marked() {
    return [...this.byFile.keys()];
  }
  /** When `file` began, by its head mark holding under the key; undefined when it has none. */
  startOf(file) {
    return file === void 0 ? void 0 : this.byFile.get(file)?.at;
  }
};

// src/sinks/file/file-digest.ts
var SLICE_BYTES = 256 * 1024;
function digestNotePath(logFile) {
  return import_node_path18.default.join(import_node_path18.default.dirname(logFile), `.${import_node_path18.default.basename(logFile)}.digest`);
}
function openForDigest(logFile, fd) {
  let reading;
  try {
    reading = import_node_fs17.default.openSync(logFile, import_node_fs17.default.constants.O_RDONLY | import_node_fs17.default.constants.O_NOFOLLOW | import_node_fs17.default.constants.O_NONBLOCK);
    let there = import_node_fs17.default.fstatSync(reading), mine = import_node_fs17.default.fstatSync(fd);
    if (there.isFile() && there.ino === mine.ino && there.dev === mine.dev) return reading;
  } catch {
  }
  reading !== void 0 && import_node_fs17.default.closeSync(reading);
}
function digestInBackground(fd, size2, done) {
  if (size2 <= 0) {
    import_node_fs17.default.close(fd, () => done());
    return;
  }
  let hash = (0, import_node_crypto14.createHash)("sha256"), slice = Buffer.allocUnsafe(Math.min(SLICE_BYTES, size2)), finish = (sha) => {
    import_node_fs17.default.close(fd, () => done(sha));
  }, next = (at) => {
    if (at >= size2) return finish(hash.digest("hex"));
    import_node_fs17.default.read(fd, slice, 0, Math.min(slice.length, size2 - at), at, (error, read2) => {
      if (error || read2 === 0) return finish();
      hash.update(slice.subarray(0, read2)), next(at + read2);
    });
  };
  next(0);
}
function noteForMark(logFile, content, key2) {
  try {
    return replaceFileWhole(digestNotePath(logFile), `${content.dat} ${content.size} ${content.sha} ${contentTag(key2, sealLogName(logFile), content)}
`), !0;
  } catch {
    return !1;
  }
}
function notedDigest(logFile, key2) {
  try {
    let [dat, size2, sha, tag2, ...rest] = readPrivateFile(digestNotePath(logFile)).trim().split(" ");
    if (rest.length > 0 || !/^\d{1,16}$/.test(dat ?? "") || !/^\d{1,16}$/.test(size2 ?? "") || !/^[0-9a-f]{64}$/.test(sha ?? "")) return;
    let content = { dat: Number(dat), size: Number(size2), sha }, want = Buffer.from(contentTag(key2, sealLogName(logFile), content)), got = Buffer.from(tag2 ?? "");
    return got.length === want.length && (0, import_node_crypto14.timingSafeEqual)(got, want) ? content : void 0;
  } catch {
    return;
  }
}

// src/sinks/file/writer.ts
var GATHER_MS = 5, GATHER_BYTES = 64 * 1024, CHECK_MS = 100, CHECK_BYTES = 256 * 1024, CHECK_ROOM_SHARE = 1 / 8, KEEP_BYTES = 2 * CHECK_BYTES, BURST_GAP_MS = 10, SHRINK_AFTER_MS = 1e3, RETRY_MS = 1e3, ROTATION_WAIT_MS2 = 5, CLOSE_TIMEOUT_MS = 5e3, DIGEST_CLOSE_WAIT_MS = 2e3, LogFile = class {
  constructor(file, options) {
    this.file = file;
    this.options = options;
    this.fd = openAppend(file, options.directory), this.dirStat = import_node_fs18.default.lstatSync(import_node_path19.default.dirname(file));
    let opened = import_node_fs18.default.fstatSync(this.fd);
    this.saw(opened), this.size = opened.size, this.checkedAt = performance.now(), this.noteOpened();
  }
  file;
  options;
  fd;
  /** Encoded at once: compact bytes off the JS heap, and exact sizes for rotation. */
  queue = new ByteQueue();
  writing = !1;
  failing = !1;
  rotateFailing = !1;
  prunedOnce = !1;
  drainTimer;
  shrinkTimer;
  idle = [];
  closed = !1;
  /** Rotated files' digests not yet noted (hashed, or waiting for the rotation lock): close() waits a while for them. */
  digesting = /* @__PURE__ */ new Set();
  /** Of those, the ones still being hashed (onRotatedDigest not yet called). */
  hashing = /* @__PURE__ */ new Set();
  /** The directory the file was opened in (another reader may have made a new one by the time we notice a loss). */
  dirStat;
  /** While onLost runs: what it writes, to go first into the new file. */
  lostText;
  /** The file's size as of the last check, plus what this writer has written since. */
  size;
  /** The file this writer holds (device, inode) and the largest size a look at it (fstat) found: a smaller one later is a cut. */
  heldDev = -1;
  heldIno = -1;
  largest = 0;
  checkedAt;
  /** The next local midnight after the last look: a write past it looks again (daily rotation). */
  dayEnds = Number.POSITIVE_INFINITY;
  /** Bytes this writer may write before it looks at the file again (see CHECK_ROOM_SHARE). */
  checkEvery = CHECK_BYTES;
  /** Bytes written since the last check, in order: written again if the file turns out removed. */
  unverified = Buffer.alloc(0);
  unverifiedLength = 0;
  /** Whether `unverified` holds all of them (false after a write too large to keep). */
  keptAll = !0;
  /**
   * The written part of a line whose end is not written yet, empty otherwise: a write the disk cut short inside a
   * line (a short write, then ENOSPC: a full tmpfs does that) leaves the line's start in the file and its end at the
   * head of the queue. What is written again after a `lost` event must start at a line start (the file sink seals it
   * as lines, and verify reads a bare tail as no log line, or a tail starting inside a character as another text), so
   * a look keeps this at the head of `unverified` (the first `unverifiedLooked` bytes of it) until the line's end is
   * written, and a rotation waits for that end.
   */
  torn = Buffer.alloc(0);
  unverifiedLooked = 0;
  verifyTimer;
  /** Bytes handed to `write` and bytes written, since the last `lost` event (what onMoved says is kept). */
  pushedTotal = 0;
  writtenTotal = 0;
  /** When the last write ended, and whether the one in flight continues a burst. */
  lastWriteEnd = Number.NEGATIVE_INFINITY;
  inBurst = !1;
  /** The identity of the file written now (rotated-ledger.ts): where a seal just flushed is (chain/seal-file-gone.ts). */
  fileIdentity() {
    try {
      return fileIdentity(import_node_fs18.default.fstatSync(this.fd));
    } catch {
      return;
    }
  }
  /**
   * The file written now (its identity) and where `line`, just flushed, is in it (seal-offset.ts): read through
   * the log's path, when the file there is this one (the writer's own fd is open for appending only).
   */
  whereIs(line3) {
    let fd;
    try {
      let mine = import_node_fs18.default.fstatSync(this.fd), file = fileIdentity(mine);
      fd = import_node_fs18.default.openSync(this.file, import_node_fs18.default.constants.O_RDONLY | import_node_fs18.default.constants.O_NOFOLLOW | import_node_fs18.default.constants.O_NONBLOCK);
      let there = import_node_fs18.default.fstatSync(fd);
      if (fileIdentity(there) !== file || !there.isFile()) return { file };
      let offset = lastOffsetOf(fd, there.size, line3);
      return offset === void 0 ? { file } : { file, offset };
    } catch {
      return;
    } finally {
      fd !== void 0 && import_node_fs18.default.closeSync(fd);
    }
  }
  /** Bytes handed to `write` so far (since the last `lost` event): where the next text handed starts. */
  get pushed() {
    return this.pushedTotal;
  }
  /** Of those, the bytes written. */
  get writtenBytes() {
    return this.writtenTotal;
  }
  /** Bytes of the write under way not yet written. */
  inFlight = 0;
  /** Bytes queued and not yet written: what the reader bounds. */
  get backlog() {
    return this.queue.length + this.inFlight;
  }
  /** Queues `data`: whole lines, as text or as their UTF-8 bytes (copied at once: the caller may reuse them). */
  write(data) {
    if (this.lostText) {
      let bytes = Buffer.from(data);
      this.lostText.push(bytes), this.pushedTotal += bytes.length;
      return;
    }
    this.pushedTotal += this.queue.push(data), !this.writing && (this.queue.length >= GATHER_BYTES && !this.failing ? (this.drainTimer && clearTimeout(this.drainTimer), this.drainTimer = void 0, this.drain()) : this.drainTimer || this.drainLater(GATHER_MS));
  }
  drainLater(ms) {
    this.closed || (this.drainTimer = setTimeout(() => {
      this.drainTimer = void 0, this.writing || this.drain();
    }, ms));
  }
  /**
   * Resolves once everything queued so far is on disk, in the file at the log's
   * path (checked: a removed file's bytes are written again), or the writer gave
   * up on a failure.
   */
  flush() {
    if (!this.writing && this.queue.length === 0 && this.unlooked === 0) return Promise.resolve();
    let done = new Promise((resolve) => this.idle.push(resolve));
    return !this.writing && this.queue.length === 0 && this.verify(), done;
  }
  /**
   * Writes what is queued synchronously, for the last moments of a process.
   * Only while no write is in flight (close() waits for it): the queue's
   * double buffer must not be taken from twice.
   */
  flushSync() {
    if (!this.writing && (this.drainTimer && clearTimeout(this.drainTimer), this.drainTimer = void 0, !(this.queue.length === 0 && this.unlooked === 0)))
      try {
        if (this.prepare(this.queue.length, !0), this.queue.length === 0) return;
        let data = this.queue.take(Number.POSITIVE_INFINITY);
        for (let offset = 0; offset < data.length; ) offset += import_node_fs18.default.writeSync(this.fd, data, offset);
        this.size += data.length;
      } catch (error) {
        this.options.onError(error);
      }
  }
  /** Writes what waits and closes; gives up after CLOSE_TIMEOUT_MS on a write that never returns (what waits is then lost). */
  async close() {
    let timer, timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve(!0), CLOSE_TIMEOUT_MS);
    }), settled = (async () => {
      for (this.failing || await this.flush(); this.writing && !this.closed; ) await new Promise((resolve) => setTimeout(resolve, 10));
      return !1;
    })(), gaveUp = await Promise.race([settled, timedOut]);
    if (clearTimeout(timer), this.closed = !0, clearTimeout(this.drainTimer), clearTimeout(this.shrinkTimer), clearTimeout(this.verifyTimer), !gaveUp) {
      this.flushSync();
      try {
        import_node_fs18.default.fsyncSync(this.fd);
      } catch {
      }
    }
    import_node_fs18.default.closeSync(this.fd), await this.digestsDone(this.digesting);
  }
  /**
   * Waits for the digests of the files rotated so far to be taken (onRotatedDigest called; their ledger notes may
   * wait for the lock on), DIGEST_CLOSE_WAIT_MS at most: a recording about to stop puts them in its chain (pipe.ts)
   * before its last seal.
   */
  digestsTaken() {
    return this.digestsDone(this.hashing);
  }
  /** Waits for `pending` to settle, DIGEST_CLOSE_WAIT_MS at most: the timer holds the process meanwhile. */
  async digestsDone(pending) {
    if (pending.size === 0) return;
    let timer;
    await Promise.race([Promise.all(pending), new Promise((resolve) => timer = setTimeout(resolve, DIGEST_CLOSE_WAIT_MS))]), clearTimeout(timer);
  }
  drain() {
    if (this.queue.length === 0) {
      if (this.writing = !1, clearTimeout(this.shrinkTimer), this.shrinkTimer = setTimeout(() => {
        this.writing || this.shrink();
      }, SHRINK_AFTER_MS).unref(), this.unlooked > 0) {
        if (this.idle.length > 0 || !this.inBurst) return this.verify();
        clearTimeout(this.verifyTimer), this.verifyTimer = setTimeout(() => {
          !this.writing && this.queue.length === 0 && this.verify();
        }, BURST_GAP_MS);
        return;
      }
      for (let resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.writing = !0, clearTimeout(this.verifyTimer), this.inBurst = performance.now() - this.lastWriteEnd < BURST_GAP_MS;
    let room;
    try {
      room = this.prepare(this.queue.firstPiece, !this.inBurst, this.queue.length);
    } catch (error) {
      this.writing = !1, this.retryLater(error);
      return;
    }
    if (room === void 0) {
      this.writing = !1, this.drainLater(ROTATION_WAIT_MS2);
      return;
    }
    this.writeFrom(this.queue.take(room), 0);
  }
  /** Checks the file now (after the last write of a burst); writes again what went into a removed one. */
  verify() {
    if (!(this.writing || this.closed)) {
      try {
        if (this.prepare(0, !0) === void 0) {
          clearTimeout(this.verifyTimer), this.verifyTimer = setTimeout(() => this.verify(), ROTATION_WAIT_MS2);
          return;
        }
      } catch (error) {
        this.retryLater(error);
        return;
      }
      this.drain();
    }
  }
  /** Bytes that reached the file: counted for rotation, and kept until the next check. */
  written(data, from, to) {
    let length = to - from;
    if (this.size += length, this.writtenTotal += length, length > 0 && data[to - 1] !== 10 ? this.torn = this.tornAfter(data, from, to) : this.torn.length > 0 && length > 0 && (this.torn = Buffer.alloc(0)), !this.keptAll || this.unverifiedLength + length > KEEP_BYTES) {
      this.keptAll = !1, this.unverifiedLength += length;
      return;
    }
    this.keep(data, from, to);
  }
  /** Bytes written since the last look (what a look has not kept as `torn`). */
  get unlooked() {
    return this.unverifiedLength - this.unverifiedLooked;
  }
  /** `torn` once bytes [from, to) of `data`, which end inside a line, are written. */
  tornAfter(data, from, to) {
    let newline = data.lastIndexOf(10, to - 1);
    return newline >= from ? Buffer.from(data.subarray(newline + 1, to)) : Buffer.concat([this.torn, data.subarray(from, to)]);
  }
  /** Appends bytes [from, to) of `data` to `unverified`. */
  keep(data, from, to) {
    let length = to - from;
    if (this.unverifiedLength + length > this.unverified.length) {
      let bigger = Buffer.allocUnsafe(Math.max(this.unverifiedLength + length, this.unverified.length * 2, 65536));
      this.unverified.copy(bigger, 0, 0, this.unverifiedLength), this.unverified = bigger;
    }
    data.copy(this.unverified, this.unverifiedLength, from, to), this.unverifiedLength += length;
  }
  shrink() {
    this.queue.shrink(), this.unverifiedLength === 0 && (this.unverified = Buffer.alloc(0));
  }
  writeFrom(data, offset) {
    this.inFlight = data.length - offset, import_node_fs18.default.write(this.fd, data, offset, data.length - offset, null, (error, written) => {
      if (!this.closed) {
        if (this.inFlight = 0, error) {
          this.fail(error, data.subarray(offset));
          return;
        }
        this.failing && (this.failing = !1, this.options.onRecover()), this.written(data, offset, offset + written), offset + written < data.length ? this.writeFrom(data, offset + written) : (this.lastWriteEnd = performance.now(), this.drain());
      }
    });
  }
  /** Keeps the unwritten bytes at the head of the queue and retries later: nothing is dropped here. */
  fail(error, rest) {
    this.queue.unshift(rest), this.writing = !1, this.retryLater(error);
  }
  retryLater(error) {
    this.failing || (this.failing = !0, this.options.onError(error));
    for (let resolve of this.idle.splice(0)) resolve();
    this.drainLater(RETRY_MS);
  }
  /**
   * Makes sure the next write goes to the right file: follows another writer's
   * rotation, or rotates before `incoming` bytes would pass the limit. Returns
   * the room left under the limit, or undefined while another writer holds the
   * rotation lock. Looks at the file only when `force`d, when the last look is
   * CHECK_MS old, when the bytes written since it plus the `upcoming` ones (what
   * the next write may take) pass checkEvery, or when the writer's own count says
   * the limit is near; otherwise the count answers.
   */
  prepare(incoming, force = !1, upcoming = incoming) {
    let rotate = this.options.rotate ?? "size", now = Date.now();
    if (!(force || this.unlooked + upcoming > this.checkEvery || performance.now() - this.checkedAt >= CHECK_MS || now >= this.dayEnds) && !(rotate !== "daily" && needsRotation(this.size, incoming, this.options.maxBytes))) return this.room();
    let mine = import_node_fs18.default.fstatSync(this.fd), current = import_node_fs18.default.lstatSync(this.file, { throwIfNoEntry: !1 });
    if (sameFile(mine, current))
      if (mine.dev === this.heldDev && mine.ino === this.heldIno && mine.size < Math.max(this.largest, this.size) && this.options.onLost) {
        let cut2 = { held: Math.max(this.largest, this.size), left: mine.size };
        this.largest = mine.size, this.unverifiedBack(), this.noteLost("cut", cut2, this.endsMidLine(mine));
      } else this.torn.length > 0 && mine.size > this.size && this.endsWithTorn(mine) === !1 && (this.unshiftLineStart(this.torn), this.writtenTotal -= this.torn.length, this.torn = Buffer.alloc(0));
    else {
      let away = whyAway(this.file, mine, this.dirStat, this.options.ledgerKey);
      if (away === void 0 || !this.reopenUnderLock()) return;
      let lost = away === "rotated" ? void 0 : away;
      lost ? this.unverifiedBack() : this.torn.length > 0 && (this.unshiftLineStart(this.torn), this.writtenTotal -= this.torn.length, this.torn = Buffer.alloc(0)), this.unverifiedLength = 0, this.unverifiedLooked = 0, this.keptAll = !0, this.noteOpened(), mine = import_node_fs18.default.fstatSync(this.fd), lost ? this.noteLost(lost) : this.options.onMoved?.(this.writtenTotal);
    }
    this.saw(mine), this.size = mine.size, this.keepTorn(), this.checkedAt = performance.now(), this.dayEnds = rotate === "size" ? Number.POSITIVE_INFINITY : nextLocalMidnight(now), this.options.onChecked?.();
    let size2 = mine.size;
    if (incoming > 0 && this.torn.length === 0 && rotationDue(rotate, size2, incoming, this.options.maxBytes, mine.mtimeMs, now)) {
      let rotated = !1, key2 = this.options.headMark ? this.options.ledgerKey : void 0, reading = openForDigest(this.file, this.fd), renamed, dat = 0, reopened = !1;
      try {
        rotated = rotateUnderLock(this.file, this.fd, this.options.maxFiles, () => {
          let old = import_node_fs18.default.fstatSync(this.fd);
          this.options.onMoved?.(this.writtenTotal), this.reopen(), reopened = !0, this.options.headMark && (dat = writeHeadMark(this.file, old, this.fd, this.options.headMark, key2 === void 0 ? void 0 : notedDigest(this.file, key2)));
        }, (file) => this.pruned(file), {
          maxAgeMs: this.options.maxAgeMs ?? Number.POSITIVE_INFINITY,
          compress: this.options.compress ?? !1,
          now,
          ledgerKey: this.options.ledgerKey,
          renamed: (rotated2, size3) => {
            renamed = { rotated: rotated2, size: size3 };
          },
          planted: this.options.onPlanted,
          compressed: (file, error) => {
            error && this.options.onCompressError?.(file, error);
          }
        }), this.rotateFailing = !1;
      } catch (error) {
        return this.rotateFailing || this.options.onRotateError(error), this.rotateFailing = !0, Number.POSITIVE_INFINITY;
      } finally {
        reopened && this.noteOpened(), reading !== void 0 && (rotated && renamed !== void 0 ? this.digest(reading, renamed.rotated, renamed.size, dat, key2) : import_node_fs18.default.closeSync(reading));
      }
      if (!rotated) return;
      let opened = import_node_fs18.default.fstatSync(this.fd);
      this.saw(opened), size2 = opened.size;
    }
    return this.size = size2, this.checkEvery = this.options.rotate === "daily" ? CHECK_BYTES : Math.max(1, Math.min(CHECK_BYTES, Math.floor((this.options.maxBytes - size2) * CHECK_ROOM_SHARE))), this.room();
  }
  /**
   * Hashes the file this writer just renamed to `<log>.<rotated>` (open as `reading`, closed by it) as it held `size`
   * bytes then, in the background, and notes the digest in the ledger (tagged under the ledger's key) and, under a key
   * with head marks, for the next mark (`dat`: the file's own mark's at; verify finds the file a digest names by it).
   */
  digest(reading, rotated, size2, dat, key2) {
    let file = this.file, ledgerKey = this.options.ledgerKey, onDigest = this.options.onDigest, onRotatedDigest = this.options.onRotatedDigest, noted, pending = new Promise((resolve) => noted = resolve);
    this.digesting.add(pending), pending.then(() => this.digesting.delete(pending));
    let taken, hashed = new Promise((resolve) => taken = resolve);
    this.hashing.add(hashed), hashed.then(() => this.hashing.delete(hashed)), digestInBackground(reading, size2, (sha) => {
      if (taken(), sha === void 0)
        return noted(), onDigest?.();
      onRotatedDigest?.(rotated, { size: size2, sha }), noteDigestUnderLock(file, rotated, { size: size2, sha }, ledgerKey, () => noted());
      let content = { dat, size: size2, sha };
      key2 !== void 0 && dat > 0 && noteForMark(file, content, key2) ? onDigest?.(content) : onDigest?.();
    });
  }
  /** After a look: `unverified` holds only `torn` (checked, kept to be written again whole after a removal). */
  keepTorn() {
    this.unverifiedLength = 0, this.keptAll = !0, this.keep(this.torn, 0, this.torn.length), this.unverifiedLooked = this.torn.length;
  }
  /**
   * The file is gone or cut: what went into it since the last look goes back at the head of the queue, to be written
   * again, from a line start (a look kept `torn` at the head of `unverified`; when that was too large to keep, `torn`
   * at least: its end is the queue's head).
   */
  unverifiedBack() {
    let back = this.keptAll && this.unverifiedLength > 0 ? Buffer.from(this.unverified.subarray(0, this.unverifiedLength)) : this.torn;
    this.torn.length > 0 ? this.unshiftLineStart(back) : back.length > 0 && this.queue.unshift(back), this.torn = Buffer.alloc(0), this.unverifiedLength = 0, this.unverifiedLooked = 0, this.keptAll = !0;
  }
  /**
   * Puts `start` (ending with a torn line's written start) back at the head of the queue, in one piece with the
   * queue's first one (fail put the line's end at its head): a write takes whole pieces, so the line goes out in one
   * write call, never its start alone (another writer's line could follow that start in the file).
   */
  unshiftLineStart(start2) {
    this.queue.unshift(this.queue.length > 0 ? Buffer.concat([start2, this.queue.take(0)]) : start2);
  }
  /** What a write may take: up to the size limit, unless only the day rotates the file. */
  room() {
    return this.options.rotate === "daily" ? Number.POSITIVE_INFINITY : this.options.maxBytes - this.size;
  }
  pruned(file) {
    this.prunedOnce || (this.prunedOnce = !0, this.options.onFirstPrune?.(file));
  }
  /**
   * Lets onLost write (its event), and puts what it wrote at the head of the
   * queue, piece by piece (rotation cuts between pieces); what was queued
   * follows, unless onLost wrote it again itself.
   */
  noteLost(what, cut2, midLine = !1) {
    if (!this.options.onLost) return;
    let from = this.pushedTotal - this.queue.length, queued = this.queue.length > 0 ? Buffer.from(this.queue.take(Number.POSITIVE_INFINITY)) : Buffer.alloc(0);
    this.pushedTotal = 0, this.writtenTotal = 0;
    let pieces = midLine ? [Buffer.from(`
`)] : [];
    midLine && (this.pushedTotal = 1), this.lostText = pieces;
    let rewritten = !1;
    try {
      rewritten = this.options.onLost(what, queued, cut2, from) === !0;
    } finally {
      this.lostText = void 0, !rewritten && queued.length > 0 && (pieces.push(queued), this.pushedTotal += queued.length);
      for (let i = pieces.length - 1; i >= 0; i--) pieces[i].length > 0 && this.queue.unshift(pieces[i]);
    }
  }
  /** Notes a look (fstat) at the file this writer holds: its largest size, afresh for another file. */
  saw(stat) {
    if (stat.dev === this.heldDev && stat.ino === this.heldIno) {
      this.largest = Math.max(this.largest, stat.size);
      return;
    }
    this.heldDev = stat.dev, this.heldIno = stat.ino, this.largest = stat.size;
  }
  /** Whether the file this writer holds (`mine`), read through the log's path, ends inside a line (a cut there). */
  endsMidLine(mine) {
    let last = this.lastBytes(mine, 1);
    return last !== void 0 && last.length === 1 && last[0] !== 10;
  }
  /** Whether the file this writer holds still ends with the start of its torn line: nothing was appended after it. */
  endsWithTorn(mine) {
    let last = this.lastBytes(mine, this.torn.length);
    return last === void 0 ? void 0 : last.equals(this.torn);
  }
  /** The last `count` bytes (fewer in a smaller file) of the file this writer holds (`mine`), read through the log's path. */
  lastBytes(mine, count) {
    let length = Math.min(count, mine.size), fd;
    try {
      if (fd = import_node_fs18.default.openSync(this.file, import_node_fs18.default.constants.O_RDONLY | import_node_fs18.default.constants.O_NOFOLLOW | import_node_fs18.default.constants.O_NONBLOCK), !sameFile(mine, import_node_fs18.default.fstatSync(fd))) return;
      let last = Buffer.alloc(length);
      return last.subarray(0, import_node_fs18.default.readSync(fd, last, 0, length, mine.size - length));
    } catch {
      return;
    } finally {
      fd !== void 0 && import_node_fs18.default.closeSync(fd);
    }
  }
  /**
   * Opens the file at the log's path (creating it when the path is empty) holding the rotation lock, as a rotation
   * opens its new file; false while another writer holds it (it is rotating: look again shortly). A rotating writer
   * looks at the path and renames what it names some time later (rotation.ts): a file created there meanwhile, by
   * a writer following an earlier rotation or starting anew after the live file was moved away, was renamed as the
   * rotated one, unnoted in the ledger under its own identity and without a head mark; its writers then said `lost`
   * and wrote its lines again (issue 13, four panes flooding one log moved away 25 times).
   */
  reopenUnderLock() {
    let inside = !1;
    try {
      return withRotationLock(this.file, () => (inside = !0, this.reopen(), !0)) ?? !1;
    } catch (error) {
      if (inside) throw error;
      return error instanceof AuditError && (this.rotateFailing || this.options.onRotateError(error), this.rotateFailing = !0), this.reopen(), !0;
    }
  }
  reopen() {
    let fd = openAppend(this.file, this.options.directory);
    import_node_fs18.default.closeSync(this.fd), this.fd = fd, this.dirStat = import_node_fs18.default.lstatSync(import_node_path19.default.dirname(this.file));
  }
  /**
   * Says which file this writer now holds (onOpened), right after it opened it: before anything is written into it,
   * and never under the rotation lock (a note is a file written whole, some 0.25 ms of CPU). Its ledger entry can be
   * trimmed only once it is rotated and some 600 more after it (under a key).
   */
  noteOpened() {
    let identity2 = this.fileIdentity();
    identity2 !== void 0 && this.options.onOpened?.(identity2);
  }
};

// src/sinks/file/cast.ts
var CAST_BACKLOG_BYTES = 8 << 20;
function castPath(logFile, rec) {
  let name = import_node_path20.default.basename(logFile).replace(/\.log$/, "");
  return import_node_path20.default.join(import_node_path20.default.dirname(logFile), `${name}.${rec}.cast`);
}
function castHeaderLine(header) {
  let env = header.term ? { TERM: header.term } : void 0;
  return `${escapeText(JSON.stringify({ version: 2, width: header.width, height: header.height, timestamp: Math.floor(header.startMs / 1e3), ...header.title ? { title: header.title } : {}, ...env ? { env } : {} }))}
`;
}
function castEventLine(seconds, text2) {
  return `[${seconds.toFixed(6)}, "o", ${escapeText(JSON.stringify(text2))}]
`;
}
function castResizeLine(seconds, columns, rows) {
  return `[${seconds.toFixed(6)}, "r", "${columns}x${rows}"]
`;
}
function parseCastSize(data) {
  let match2 = typeof data == "string" ? /^([1-9]\d{0,4})x([1-9]\d{0,4})$/.exec(data) : null;
  return match2 ? { columns: Number(match2[1]), rows: Number(match2[2]) } : void 0;
}
var CastFile = class {
  constructor(file, header, options) {
    this.header = header;
    this.options = options;
    this.size = { columns: header.width, rows: header.height };
    let existing = import_node_fs19.default.lstatSync(file, { throwIfNoEntry: !1 });
    this.log = new LogFile(file, options), (!existing || existing.size === 0) && this.log.write(castHeaderLine(header));
  }
  header;
  options;
  log;
  /** Chunk edges fall inside UTF-8 characters: the decoder keeps a split one for the next chunk. */
  decoder = new import_node_string_decoder.StringDecoder("utf8");
  /** The shell's marks hold its nonce: never written. */
  marks = new MarkStripper();
  dropped = 0;
  ended = !1;
  /** The size the cast last said: the header's, then each resize's. */
  size;
  /** A chunk of the pane's output as it arrived at `now` (epoch ms); the chunk is not kept. */
  push(chunk, now) {
    if (this.ended) return;
    let text2 = this.decoder.write(this.marks.push(chunk));
    if (text2 !== "") {
      if (this.log.backlog > CAST_BACKLOG_BYTES) {
        this.dropped += Buffer.byteLength(text2);
        return;
      }
      this.dropped > 0 && (this.options.onDropped(this.dropped), this.dropped = 0), this.log.write(castEventLine(Math.max(0, now - this.header.startMs) / 1e3, text2));
    }
  }
  /**
   * The pane's size at `now` (epoch ms), as tmux answered: written as a
   * resize event when it differs from the last one the cast holds (the
   * header's at first).
   */
  resize(columns, rows, now) {
    this.ended || columns === this.size.columns && rows === this.size.rows || (this.size = { columns, rows }, this.log.write(castResizeLine(Math.max(0, now - this.header.startMs) / 1e3, columns, rows)));
  }
  get backlog() {
    return this.log.backlog;
  }
  /**
   * End of the pane's output: writes what is left (a character cut short at
   * the end becomes U+FFFD) and reports, at once, what was left out and not yet
   * reported. Call it while the log still takes events (before the recorder
   * stops): a count reported after the stop would be lost.
   */
  end(now = Date.now()) {
    if (this.ended) return;
    this.ended = !0;
    let rest = this.decoder.write(this.marks.end()) + this.decoder.end();
    rest !== "" && (this.log.backlog <= CAST_BACKLOG_BYTES ? this.log.write(castEventLine(Math.max(0, now - this.header.startMs) / 1e3, rest)) : this.dropped += Buffer.byteLength(rest)), this.dropped > 0 && this.options.onDropped(this.dropped), this.dropped = 0;
  }
  /** Ends (if not yet) and waits for the file to be written and closed. */
  async close(now = Date.now()) {
    this.end(now), await this.log.close();
  }
};

// src/sinks/file/cast-size.ts
var CastSizeWatch = class {
  constructor(cast, ask, limits = { askMs: 500, holdMs: 200, holdBytes: 1048576 }) {
    this.cast = cast;
    this.ask = ask;
    this.limits = limits;
  }
  cast;
  ask;
  limits;
  askedAt = Number.NEGATIVE_INFINITY;
  /** Output waiting for an answer (copies: the reader's buffer is reused), with the time it came. */
  held = [];
  heldBytes = 0;
  timer;
  /** A question due at the end of the current spell, for output that came during it. */
  trailing;
  ended = !1;
  /** A chunk of the pane's output at `now` (epoch ms); not kept after the call unless held (then copied). */
  push(chunk, now) {
    if (this.ended) return this.cast.push(chunk, now);
    if (this.held.length > 0) {
      this.hold(chunk, now), this.heldBytes > this.limits.holdBytes && this.release();
      return;
    }
    if (now - this.askedAt < this.limits.askMs)
      return this.trailing ??= setTimeout(() => {
        this.trailing = void 0, !this.ended && (this.askedAt = Date.now(), this.ask((size2) => {
          size2 && this.learnt(size2, Date.now());
        }));
      }, Math.max(0, this.askedAt + this.limits.askMs - now)), this.trailing.unref?.(), this.cast.push(chunk, now);
    this.askedAt = now, this.hold(chunk, now), this.timer = setTimeout(() => this.release(), this.limits.holdMs), this.timer.unref?.();
    let asked = this.held[0];
    this.ask((size2) => {
      let before2 = this.held[0] === asked;
      size2 && this.cast.resize(size2.columns, size2.rows, before2 ? asked.now : Date.now()), before2 && this.release();
    });
  }
  /** A size learnt otherwise (the screen model asked): written if it is new. */
  learnt(size2, now) {
    this.cast.resize(size2.columns, size2.rows, this.held[0]?.now ?? now);
  }
  /** Writes what is held, in order; from then on nothing is held (the cast is about to end). */
  end() {
    this.release(), this.trailing && clearTimeout(this.trailing), this.trailing = void 0, this.ended = !0;
  }
  hold(chunk, now) {
    this.held.push({ chunk: Buffer.from(chunk), now }), this.heldBytes += chunk.length;
  }
  release() {
    this.timer && clearTimeout(this.timer), this.timer = void 0;
    let held2 = this.held;
    this.held = [], this.heldBytes = 0;
    for (let { chunk, now } of held2) this.cast.push(chunk, now);
  }
};

// src/chain/epoch-stamps.ts
var PROBES = [Date.UTC(2026, 0, 1, 0, 0, 0, 0), Date.UTC(2026, 10, 25, 23, 59, 58, 999), Date.UTC(1999, 1, 28, 12, 34, 56, 789), Date.UTC(2031, 6, 15, 7, 8, 9, 10), Date.UTC(2088, 11, 31, 13, 1, 2, 3)], known = /* @__PURE__ */ new Map();
function stampsAreEpoch(timeFormat) {
  let epoch = known.get(timeFormat);
  if (epoch === void 0) {
    let tokens = timeFormat.replace(/''/g, "").replace(/'[^']*'?/g, "");
    epoch = /[XxtT]/.test(tokens) && roundTrips(timeFormat), known.set(timeFormat, epoch);
  }
  return epoch;
}
function roundTrips(timeFormat) {
  try {
    let clock = makeClock(timeFormat);
    return PROBES.every((ms) => Math.abs(parse(clock(ms), timeFormat, /* @__PURE__ */ new Date(0)).getTime() - ms) < 1e3);
  } catch {
    return !1;
  }
}
function sealInstant(fields) {
  let t = fields?.t;
  return t !== void 0 && /^\d{1,16}$/.test(t) ? Number(t) : void 0;
}

// src/chain/digest-event.ts
var import_node_path21 = __nodeBuiltin(require("node:path")), DIGEST_EVENT = "digest";
function digestFields(log, rotated, digest) {
  return { file: `${import_node_path21.default.basename(log)}.${rotated}`, size: digest.size, sha256: digest.sha };
}
var ROTATED = /\.(\d{8}T\d{6}\.\d{3}Z(?:-\d+)?)$/;
function chainedDigest(v) {
  if (v.event !== DIGEST_EVENT) return;
  let rotated = ROTATED.exec(v.fields?.file ?? "")?.[1], size2 = v.fields?.size ?? "", sha = v.fields?.sha256 ?? "";
  if (!(rotated === void 0 || !/^\d{1,15}$/.test(size2) || !/^[0-9a-f]{64}$/.test(sha)))
    return { rotated, digest: { size: Number(size2), sha, file: v.file, line: v.line } };
}

// src/sinks/file/batch-bytes.ts
var INITIAL_BYTES = 64 * 1024, KEEP_BYTES2 = 1024 * 1024, EMPTY = Buffer.alloc(0), NOT_PLAIN = /[^\t\x20-\x7e]/, BatchBytes = class {
  bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  /** Bytes in the batch. */
  length = 0;
  /** UTF-16 units of the text they encode: what the file sink counts its batch in (BATCH_CHARS), as it did a batch of strings. */
  chars = 0;
  /** The last head appended and its bytes (a flood's lines share it for a millisecond). */
  headText = "";
  headBytes = EMPTY;
  /** Appends `text` (whole lines) as UTF-8. */
  append(text2) {
    this.room(text2.length * 3), this.length = this.written(this.length, text2, "utf8"), this.chars += text2.length;
  }
  /** Appends `bytes` (whole lines, UTF-8: a stretch of the log handed back by the writer, written again). */
  appendBytes(bytes) {
    this.room(bytes.length), this.bytes.set(bytes, this.length), this.length += bytes.length, this.chars += utf16Units(bytes);
  }
  /**
   * Appends the line `head + escapeText(text) + '\n'` (format/text.ts TextFormat: `head` is the line's
   * start, already escaped). Text of printable ASCII and TAB only, which escapeText leaves as it is and
   * which is its own UTF-8, is copied as it is (one scan, one native copy); other text is escaped and encoded.
   */
  appendLine(head, text2) {
    head !== this.headText && (this.headText = head, this.headBytes = Buffer.from(head));
    let headBytes = this.headBytes, plain = !NOT_PLAIN.test(text2), escaped = plain ? text2 : escapeText(text2);
    this.room(headBytes.length + escaped.length * 3 + 1);
    let bytes = this.bytes;
    bytes.set(headBytes, this.length);
    let at = this.length + headBytes.length, end = this.written(at, escaped, plain ? "latin1" : "utf8");
    if (end >= bytes.length) throw new Error("file sink batch overflow");
    bytes[end] = 10, this.length = end + 1, this.chars += head.length + escaped.length + 1;
  }
  /** Bytes `from` to `to` of the batch: a view, valid until the batch next changes. */
  view(from = 0, to = this.length) {
    return this.bytes.subarray(from, to);
  }
  clear() {
    this.length = 0, this.chars = 0, this.bytes.length > KEEP_BYTES2 && (this.bytes = Buffer.allocUnsafe(INITIAL_BYTES));
  }
  /**
   * Writes `text` at `at` and returns where it ends. Buffer.write stops silently at the buffer's end (a character
   * that does not fit whole is left out): a batch short of room would lose the end of a line and go on. Only a
   * write that ends within 3 bytes of the end (the longest character is 4) can have been cut short: only then is
   * the text's length in bytes counted.
   */
  written(at, text2, encoding) {
    let end = at + this.bytes.write(text2, at, encoding);
    if (this.bytes.length - end <= 3 && end - at !== (encoding === "latin1" ? text2.length : Buffer.byteLength(text2))) throw new Error("file sink batch overflow");
    return end;
  }
  /** Makes room for `more` bytes. */
  room(more) {
    if (this.length + more <= this.bytes.length) return;
    let bigger = Buffer.allocUnsafe(Math.max(this.length + more, this.bytes.length * 2));
    this.bytes.copy(bigger, 0, 0, this.length), this.bytes = bigger;
  }
};
function utf16Units(bytes) {
  let units = 0;
  for (let byte of bytes)
    (byte & 192) !== 128 && units++, byte >= 240 && units++;
  return units;
}

// src/sinks/file/sink.ts
var BATCH_CHARS = 16 * 1024, FileSink = class {
  log;
  format;
  /** The format when it is the text one: its output lines are then put straight into the batch's bytes. */
  text;
  /** Its seals say their instant (`t=`): the format's stamps do not (chain/epoch-stamps.ts). */
  sealInstants;
  /** Lines formatted and not yet handed to the writer, as their bytes (every offset into it is a byte count). */
  batch = new BatchBytes();
  /**
   * While onLost runs: the stamp of the first record written again after the `lost` event (what went into the
   * removed file since the writer's last look, and what waited), undefined when none is: what the event is stamped.
   */
  lostStamp;
  /** The recording's chain (none when `chain` is false). */
  chain;
  /** Whether the chain is keyed (HMAC). */
  keyed;
  /**
   * Where in `batch` the text the chain has not hashed yet starts: it is hashed
   * in one piece at a seal or a flush, not line by line (a hash call per line
   * cost a fifth of the reader's speed under a flood).
   */
  unhashed = 0;
  /** Who and where the recording's records are, and the last one's time: for its seals (kept as fields: no object per line). */
  lastRec = "";
  lastUser = "";
  /** The server's owner on the recording's records: a seal says it too, so that a JSON last seal's line is its stop's (chain/last-seal.ts). */
  lastOwner;
  lastPlace;
  lastTime = Number.NEGATIVE_INFINITY;
  /** While the writer reports a removed log: the `lost` event goes first into the new file, out of the chain's order. */
  losing = !1;
  /** Whether the recording's last seal is written: nothing of it follows. */
  ended = !1;
  /** While onLost runs: the `lost` event is written and sealed (what follows it is then chained too). */
  lostSealed = !1;
  /** ...and it came after the recording's last seal: the chain ends again once what follows it is sealed. */
  reEnd = !1;
  /** `lost` events the sink wrote itself because the pipeline held them up: dropped when they come. */
  heldLost = 0;
  sealTimer;
  /** The link of the last seal put in the batch and not yet handed to the writer (for `onSealed`). */
  sealedLink;
  /** That seal's line as written (with `e=` under a key): a running reader's proof of its recording (chain/running-seal.ts). */
  sealedLine;
  /** The last record taken: whose name a head mark is written in (chain/head-mark.ts). */
  lastRecord;
  onSealed;
  /** The seals in `batch`: where each one's line ends, and its link. */
  sealsInBatch = [];
  /** The seals handed to the writer and not yet known to be in a rotated file: the writer's byte count at each one's end. */
  sealsHanded = [];
  /** Where each stamp begins in `batch` (a run of records stamped alike is one entry): what a head mark is stamped by. */
  stampsInBatch = [];
  /**
   * Those handed to the writer: the writer's byte count where each begins; the first is the last one begun before
   * the writer's last look at the file (what it wrote since may be handed back, and written again after a `lost` event).
   */
  stampsHanded = [];
  /** The writer's byte count (since its last `lost` event) of what it had written at its last look. */
  verified = 0;
  /**
   * The link of the recording's last seal known to be in a rotated file (GENESIS: none): it stays when
   * the live log is removed, and the `lost` event names it (`p=`), so that verify can require it and
   * count what the event writes off from it. Without it, whole rotated files before the event could be
   * deleted, and the event taken for the cause of the gap.
   */
  keptLink = GENESIS;
  /** The removals of the log (`lost`) this writer has seen: said on each `lost` event (`k=`). */
  removalsSeen = 0;
  /**
   * `chain.onSealed` hears each seal's link once the writer has it on disk:
   * what a dead reader's stop names (chain/external-stop.ts).
   */
  constructor(file, format2, options, chain = {}) {
    let headKey = chain !== !1 ? chain.key : void 0;
    this.log = new LogFile(file, {
      ...options,
      ...chain !== !1 && chain.key !== void 0 ? { ledgerKey: chain.key } : {},
      // Under a key each new file a rotation opens starts with a head mark in this recording's name (chain/head-mark.ts).
      ...headKey !== void 0 ? {
        // Stamped on the reader's clock, as its seals are: no later than the oldest record still waiting, which
        // may go next into this file after it (a place's stamps only go forward), nor than now.
        headMark: (prev, content) => {
          let last = this.lastRecord;
          if (last === void 0) return;
          let newest = Math.max(this.lastTime, last.time), time = Math.min(this.nextToWrite() ?? this.stampsInBatch[0]?.time ?? newest, newest, Date.now()), at = Math.max(time, prev + 1);
          return { at, text: this.format.format({ rec: last.rec, user: last.user, place: last.place, time, kind: "event", text: HEAD_EVENT, fields: headFields(headKey, last.rec, sealLogName(file), at, prev, content) }) };
        }
      } : {},
      onMoved: (written) => {
        for (; this.sealsHanded.length > 0 && this.sealsHanded[0].end <= written; ) this.keptLink = this.sealsHanded.shift().link;
        options.onMoved?.(written);
      },
      onChecked: () => {
        this.verified = this.log.writtenBytes, this.dropStampsBefore(this.verified);
      },
      onLost: (what, queued, cut2, from) => {
        what !== "cut" && this.removalsSeen++;
        let later = Buffer.from(this.batch.view()), laterLink = this.sealedLink, laterLine = this.sealedLine, queuedRuns = this.runsOfQueued(queued, from), rewritten = [...queuedRuns, ...this.stampsInBatch.map(({ at, time }) => ({ at: queued.length + at, time }))], laterRuns = this.stampsInBatch;
        this.lostStamp = rewritten[0]?.time, this.verified = 0, this.sealsInBatch = [], this.sealsHanded = [], this.stampsInBatch = [], this.stampsHanded = [], this.batch.clear(), this.unhashed = 0, this.sealedLink = void 0, this.sealedLine = void 0, this.losing = !0, this.lostSealed = !1;
        try {
          return this.chain?.restart(), options.onLost?.(what, queued, cut2, from), !this.lostSealed && this.chain && this.lastPlace && (this.heldLost++, this.write({ time: this.lostStamp ?? this.lastTime, rec: this.lastRec, user: this.lastUser, ...this.lastOwner === void 0 ? {} : { owner: this.lastOwner }, place: this.lastPlace, kind: "event", text: "lost", fields: { what, ...cut2 } })), this.lostSealed ? (this.hashPending(), this.rewriteSealed(Buffer.concat([queued, later]), rewritten), this.sealRewritten(), this.handOverInPieces(), queueMicrotask(() => this.noteSealed()), !0) : (this.flush(), this.noteHandedBack(queuedRuns), !1);
        } finally {
          if (this.losing = !1, this.lostStamp = void 0, !this.lostSealed) {
            this.stampsInBatch = [...laterRuns, ...this.stampsInBatch.map(({ at, time }) => ({ at: later.length + at, time }))];
            let after = Buffer.from(this.batch.view());
            this.batch.clear(), this.batch.appendBytes(later), this.batch.appendBytes(after), this.sealsInBatch = [], this.unhashed = this.batch.length, this.sealedLink === void 0 && (this.sealedLink = laterLink, this.sealedLine = laterLine);
          }
          this.lostSealed = !1, this.reEnd = !1;
        }
      }
    }), this.format = format2, this.text = format2 instanceof TextFormat ? format2 : void 0, this.chain = chain === !1 ? void 0 : new SealChain(chain.key, sealLogName(file)), this.keyed = chain !== !1 && chain.key !== void 0, this.sealInstants = format2 instanceof TextFormat && !stampsAreEpoch(format2.timeFormat), this.onSealed = chain === !1 ? void 0 : chain.onSealed;
  }
  write(record) {
    this.lastRecord = record, this.noteStamp(record.time);
    let chain = this.chain;
    chain && record.kind === "event" && record.text === "start" && (record = { ...record, fields: { ...record.fields, v: CHAIN_VERSION, ...this.keyed ? { chain: KEYED_CHAIN } : {} } }, chain.startedAt = record.time), chain && record.kind === "event" && record.text === "lost" && (this.losing || this.heldLost === 0) && (record = { ...record, fields: { ...record.fields, p: this.keptLink, ...record.fields?.what === "cut" ? {} : { k: Math.max(1, this.removalsSeen) } } });
    let line3 = record.kind === "event" || !this.text ? this.format.format(record) : void 0;
    if (chain && record.kind === "event" && record.text === "lost" && !this.losing && this.heldLost > 0) {
      this.heldLost--;
      return;
    }
    if (chain && record.kind === "event" && record.text === "lost") {
      this.hashPending(), chain.restart(), this.put(record, line3), this.hashPending(), chain.count(1), this.unhashed = this.batch.length, this.lastRec = record.rec, this.lastUser = record.user, this.lastOwner = record.owner, this.lastPlace = record.place, record.time > this.lastTime && (this.lastTime = record.time);
      let ended = this.ended;
      this.ended = !1, this.seal(!1, 0, record.time), this.losing ? (this.lostSealed = !0, this.reEnd = ended) : ended && this.seal("close", 0, record.time);
    } else this.losing && this.lostSealed ? (this.put(record, line3), chain.count(1)) : !chain || this.losing || this.ended ? (this.hashPending(), this.put(record, line3), this.unhashed = this.batch.length) : (this.lastRec = record.rec, this.lastUser = record.user, this.lastOwner = record.owner, this.lastPlace = record.place, record.time > this.lastTime && (this.lastTime = record.time), record.kind === "event" && record.text === "stop" ? (this.hashPending(), chain.update(line3), chain.count(1), this.seal("stop", 0, record.time), this.put(record, line3), this.unhashed = this.batch.length) : record.kind === "event" && record.text === DIGEST_EVENT ? (chain.pending > 1 && this.seal(!1), this.put(record, line3), chain.count(1), this.seal(!1, 0, record.time)) : record.kind === "event" && record.text === "start" ? (this.put(record, line3), chain.count(1), this.seal(!1, 0, record.time)) : (this.put(record, line3), chain.count(1), chain.due() ? this.seal(!1) : this.sealTimer || (this.sealTimer = setTimeout(() => {
      this.sealTimer = void 0, this.chain.pending > 0 && !this.ended && (this.seal(!1, Date.now()), this.flush());
    }, SEAL_MS), this.sealTimer.unref())));
    this.batch.chars >= BATCH_CHARS && this.flush();
  }
  /** Puts the record's line in the batch: `line`, or when none was made (an output record in the text format), straight from the record. */
  put(record, line3) {
    line3 === void 0 ? this.batch.appendLine(this.text.head(record), record.text) : this.batch.append(line3);
  }
  /**
   * Puts what onLost writes again after a `lost` event and its seal in the batch, sealed every
   * SEAL_EVERY - 1 lines (a seal with `more=1`: the stretch written again goes on after it). A backlog
   * written again in one segment was thousands of lines no seal covered until its end: a second removal
   * (or a rotation then a removal) cutting it left verify a block that never closed. Now any cut leaves
   * less than a reader leaves unsealed, which verify writes off when a later `lost` event replaces it.
   * `runs`: where each stamp begins in `text`, noted in the batch as it goes in (a head mark, or a later
   * `lost` event, is stamped by them), and what each seal among the lines is stamped by: the line before it
   * (older than the reader's newest record).
   */
  rewriteSealed(bytes, runs) {
    let chain = this.chain, next = 0, put = (from, to) => {
      for (; next < runs.length && runs[next].at < to; next++) {
        let at = Math.max(runs[next].at, from);
        this.batch.appendBytes(bytes.subarray(from, at)), from = at, this.noteStamp(runs[next].time);
      }
      this.batch.appendBytes(bytes.subarray(from, to));
    };
    for (let from = 0; from < bytes.length; ) {
      let room = SEAL_EVERY - 1 - chain.pending;
      room <= 0 && (this.seal(!1, 0, this.lastNoted(), !0), room = SEAL_EVERY - 1 - chain.pending);
      let to = from, taken = 0;
      for (; taken < room && to < bytes.length; ) {
        let end = bytes.indexOf(10, to);
        to = end < 0 ? bytes.length : end + 1, taken++;
      }
      put(from, to), chain.count(taken), from = to, from < bytes.length && this.seal(!1, 0, this.lastNoted(), !0);
    }
  }
  /**
   * Seals what onLost wrote again after a `lost` event and its seal: the seal that links to that
   * one (verify reads everything between as that seal's segment). The recording's last seal when
   * its chain had ended before (`end=1`: its stop, if written, is among the lines it covers).
   */
  sealRewritten() {
    this.reEnd ? (this.reEnd = !1, this.seal("close")) : this.chain.pending > 1 && this.seal(!1);
  }
  /**
   * Hands the batch to the writer in pieces of about BATCH_CHARS bytes, cut between lines: what was written
   * again after a `lost` event may be a whole backlog, and rotation cuts only between pieces.
   */
  handOverInPieces() {
    this.hashPending();
    let bytes = this.batch.view();
    this.noteHanded();
    for (let from = 0; from < bytes.length; ) {
      let end = bytes.indexOf(10, Math.min(from + BATCH_CHARS, bytes.length) - 1), to = end < 0 ? bytes.length : end + 1;
      this.log.write(bytes.subarray(from, to)), from = to;
    }
    this.batch.clear(), this.unhashed = 0;
  }
  /** The stamp of the last record put in the batch, or handed to the writer when the batch holds none. */
  lastNoted() {
    return this.stampsInBatch.at(-1)?.time ?? this.stampsHanded.at(-1)?.time;
  }
  /**
   * Where each stamp begins in `queued`, what the writer hands back at a `lost` event: the bytes it was handed from
   * `from` on (what it wrote since its last look, and what waited). The first is at 0: the stamp runs handed are
   * kept back to the writer's last look (see dropStampsBefore), where `from` is at the earliest.
   */
  runsOfQueued(queued, from) {
    let runs = [], handed = this.stampsHanded;
    for (let i = 0; i < handed.length; i++) {
      if (i + 1 < handed.length && handed[i + 1].start <= from) continue;
      let at = Math.max(0, handed[i].start - from);
      if (at >= queued.length) break;
      runs.push({ at, time: handed[i].time });
    }
    return runs.length > 0 && (runs[0].at = 0), runs;
  }
  /** `queued` is put back in the writer's queue by the writer itself, after what it was handed so far: its stamps noted there. */
  noteHandedBack(runs) {
    let base = this.log.pushed;
    for (let { at, time } of runs) this.stampsHanded.push({ start: base + at, time });
  }
  /** Stamp runs handed that end before `byte` (in the writer's count): none of them can be handed back any more. */
  dropStampsBefore(byte) {
    for (; this.stampsHanded.length > 1 && this.stampsHanded[1].start <= byte; ) this.stampsHanded.shift();
  }
  /** What is appended to the batch next is stamped `time` (a batch's stamps begin at its start: it may be handed back alone). */
  noteStamp(time) {
    let runs = this.stampsInBatch;
    (runs.length === 0 || runs[runs.length - 1].time !== time) && runs.push({ at: this.batch.length, time });
  }
  /** The stamp of the first record handed to the writer and not yet written; undefined when not known. */
  nextToWrite() {
    let written = this.log.writtenBytes;
    if (written >= this.log.pushed) return;
    let time;
    for (let { start: start2, time: at } of this.stampsHanded) {
      if (start2 > written) break;
      time = at;
    }
    return time;
  }
  /** Notes where the batch's seals end, and its stamps begin, in what the writer has been handed, before the batch is handed to it. */
  noteHanded() {
    if (this.stampsInBatch.length > 0) {
      let base2 = this.log.pushed;
      for (let { at, time } of this.stampsInBatch) this.stampsHanded.push({ start: base2 + at, time });
      this.stampsInBatch = [], this.dropStampsBefore(this.verified);
    }
    if (this.sealsInBatch.length === 0) return;
    let base = this.log.pushed;
    for (let { at, link } of this.sealsInBatch) this.sealsHanded.push({ end: base + at, link });
    this.sealsInBatch = [];
    let written = this.log.writtenBytes;
    for (; this.sealsHanded.length > 1 && this.sealsHanded[1].end <= written; ) this.sealsHanded.shift();
  }
  /** Hashes what the chain has not yet hashed of the batch. */
  hashPending() {
    this.chain && this.unhashed < this.batch.length && this.chain.update(this.batch.view(this.unhashed)), this.unhashed = this.batch.length;
  }
  /**
   * A `seal` event after the lines it covers (before the stop it covers, for `stop`); stamped no earlier
   * than they are, but the last seal (`stop`) is stamped `at`, its stop's time, as verify requires
   * (chain/last-seal.ts), even when the clock stepped back before the stop.
   */
  seal(end, now = 0, at, more = !1) {
    let chain = this.chain;
    if (!chain || !this.lastPlace || this.ended) return;
    end !== "stop" && this.hashPending(), end && (this.ended = !0);
    let fields = chain.seal(end);
    more && (fields.more = 1), end || (this.sealedLink = fields.h.slice(0, LINK_HEX));
    let time = at ?? Math.max(this.lastTime, now);
    this.sealInstants && (fields.t = time);
    let record = { time, rec: this.lastRec, user: this.lastUser, ...this.lastOwner === void 0 ? {} : { owner: this.lastOwner }, place: this.lastPlace, kind: "event", text: "seal", fields: { ...fields } }, line3 = this.format.format(record), e = chain.tag(line3);
    e !== void 0 && (line3 = this.format.format({ ...record, fields: { ...record.fields, e } })), end || (this.sealedLine = line3), this.noteStamp(record.time), this.batch.append(line3), this.sealsInBatch.push({ at: this.batch.length, link: fields.h.slice(0, LINK_HEX) }), end ? this.unhashed = this.batch.length : chain.count(1), this.sealTimer && clearTimeout(this.sealTimer), this.sealTimer = void 0;
  }
  flush() {
    if (this.batch.length === 0 || this.losing && this.lostSealed) return;
    this.hashPending();
    let bytes = this.batch.view();
    this.noteHanded(), this.batch.clear(), this.unhashed = 0, this.log.write(bytes), this.losing || this.noteSealed();
  }
  /** Hears the last seal handed to the writer once it is on disk: a stop naming a seal the file never got would read as a cut. */
  noteSealed() {
    let link = this.sealedLink, line3 = this.sealedLine;
    if (link === void 0 || !this.onSealed) return;
    this.sealedLink = void 0, this.sealedLine = void 0;
    let onSealed = this.onSealed;
    this.log.flush().then(() => {
      let where = line3 === void 0 ? { file: this.log.fileIdentity() } : this.log.whereIs(line3);
      onSealed(link, where?.file, line3, where?.offset);
    });
  }
  /** Bytes, as the writer's backlog (a batch of strings added its characters to them). */
  get backlog() {
    return this.log.backlog + this.batch.length;
  }
  /**
   * While onLost runs: the stamp of the first record written again after the `lost`
   * event, which goes ahead of them at the head of the new file (stamps at a place
   * must not go back); undefined when none is (the event is then the newest record).
   */
  get waitingSince() {
    return this.lostStamp;
  }
  /**
   * Hands what waits to the writer, and waits for it to be written and for the digests of the files rotated so far
   * to be taken (2 s at most: sinks/file/writer.ts): a recording about to stop puts them in its chain first (pipe.ts).
   */
  async digestsTaken() {
    this.flush(), await this.log.flush(), await this.log.digestsTaken();
  }
  async close() {
    this.seal("close", Date.now()), this.flush(), await this.log.close();
  }
};

// src/chain/key-file.ts
var import_node_fs20 = __nodeBuiltin(require("node:fs"));
function keyFileWarning(file) {
  let stat;
  try {
    stat = import_node_fs20.default.statSync(file);
  } catch {
    return;
  }
  let uid = process.geteuid?.(), loose = [];
  if ((stat.mode & 36) !== 0 && loose.push("readable by others"), (stat.mode & 18) !== 0 && loose.push("writable by others"), uid !== void 0 && stat.uid !== uid && stat.uid !== 0 && loose.push(`owned by uid ${stat.uid}`), loose.length !== 0)
    return `the chain key ${file} is ${loose.join(" and ")} (mode ${(stat.mode & 511).toString(8).padStart(4, "0")}): whoever can read it can reseal an edited log; make it yours and chmod 600 it`;
}

// src/sinks/syslog/sink.ts
var import_node_dgram = __nodeBuiltin(require("node:dgram")), import_node_fs21 = __nodeBuiltin(require("node:fs")), import_node_net2 = __nodeBuiltin(require("node:net")), import_node_os5 = __nodeBuiltin(require("node:os")), import_node_tls = __nodeBuiltin(require("node:tls"));

// src/sinks/syslog/format.ts
var APP_NAME = "tmux-audit", SD_ID = "audit@32473", EVENT_SD_ID = "event@32473", SEVERITY = { warning: 4, notice: 5, info: 6 }, WARNING_EVENTS = /* @__PURE__ */ new Set(["error", "dropped", "lost", "stall", "syslog"]);
function headerField(text2, max) {
  let field = text2.replace(/[^\x21-\x7e]/g, "").slice(0, max);
  return field === "" ? "-" : field;
}
function sdName(text2) {
  return text2.replace(/[^\x21-\x7e]|[=\]"]/g, "_").slice(0, 32) || "_";
}
function escapeParam(value) {
  return escapeText(value).replace(/["\\\]]/g, "\\$&");
}
var PARAM_BYTES = 256;
function cappedParam(value, max) {
  let escaped = escapeParam(value);
  if (escaped.length <= max / 3 || Buffer.byteLength(escaped) <= max) return escaped;
  let out = "", bytes = 0;
  for (let character of value) {
    let piece = escapeParam(character), size2 = Buffer.byteLength(piece);
    if (bytes + size2 > max - 3) break;
    out += piece, bytes += size2;
  }
  return `${out}\u2026`;
}
function param2(name, value) {
  return value === void 0 ? "" : ` ${sdName(name)}="${cappedParam(String(value), PARAM_BYTES)}"`;
}
var MAX_MESSAGE_BYTES = 8e3;
function syslogMessages(record, header, max = MAX_MESSAGE_BYTES) {
  let [head, sd, msg] = messageParts(record, header, ""), whole = `${head}${sd} ${msg}`;
  if (Buffer.byteLength(whole) <= max) return [whole];
  let withFields = !0, [, partSd] = messageParts(record, header, 'part="000/000"');
  Buffer.byteLength(head) + Buffer.byteLength(partSd) > max / 2 && (withFields = !1, [, partSd] = messageParts(record, header, 'part="000/000"', !1));
  let room = max - Buffer.byteLength(head) - Buffer.byteLength(partSd) - 1, pieces = [], piece = "", bytes = 0;
  for (let character of msg) {
    let size2 = Buffer.byteLength(character);
    bytes + size2 > room && (pieces.push(piece), piece = "", bytes = 0), piece += character, bytes += size2;
  }
  return pieces.push(piece), pieces.map((text2, i) => {
    let [, sdPart] = messageParts(record, header, `part="${i + 1}/${pieces.length}"`, withFields);
    return `${head}${sdPart} ${text2}`;
  });
}
function messageParts(record, header, extra, withFields = !0) {
  let event = record.kind === "event", severity = event ? WARNING_EVENTS.has(record.text) ? SEVERITY.warning : SEVERITY.notice : SEVERITY.info, place = record.place, sd = `[${SD_ID}${param2("user", record.user)}${param2("session", place.session)}${param2("window", place.window)}${param2("pane", place.pane)}${param2("paneId", place.paneId || void 0)}${param2("server", place.server || void 0)}${param2("rec", record.rec)}${param2("seq", record.seq)}${extra ? ` ${extra}` : ""}]`;
  if (event && withFields) {
    let fields = `[${EVENT_SD_ID}${param2("name", record.text)}`;
    for (let [key2, value] of Object.entries(record.fields ?? {})) fields += param2(key2, value);
    sd += `${fields}]`;
  } else event && (sd += `[${EVENT_SD_ID}${param2("name", record.text)}]`);
  let msg = event ? eventText(record.text, { rec: record.rec, ...record.fields }) : escapeText(record.text);
  return [`<${header.facility * 8 + severity}>1 ${new Date(record.time).toISOString()} ${headerField(header.hostname, 255)} ${APP_NAME} ${header.procid} ${record.kind} `, sd, msg];
}
function octetCounted(message2) {
  return `${Buffer.byteLength(message2)} ${message2}`;
}

// src/sinks/syslog/in-flight.ts
var InFlight = class {
  constructor(limitChars, holdMs) {
    this.limitChars = limitChars;
    this.holdMs = holdMs;
  }
  limitChars;
  holdMs;
  batches = [];
  chars = 0;
  /** Characters the kernel has taken on this link. */
  takenChars = 0;
  /** Let go of within the last holdMs (pruned when older). */
  letGo = [];
  get size() {
    return this.chars;
  }
  /** A batch handed to the socket; call `taken` when the kernel takes it. */
  sent(batch) {
    this.batches.push(batch), this.chars += batch.data.length;
  }
  /** The kernel took `batch` (its write's callback; a stream's writes are taken in order). */
  taken(batch, now) {
    if (batch.takenAt === void 0)
      for (this.takenChars += batch.data.length, batch.takenAt = this.takenChars; this.batches.length > 0; ) {
        let old = this.batches[0];
        if (old.takenAt === void 0 || this.takenChars - old.takenAt < this.limitChars) break;
        this.batches.shift(), this.chars -= old.data.length, this.remember(old, now);
      }
  }
  /** The link broke: the batches to send again (oldest first), and what may be lost with no copy kept. Empties it. */
  broke(now) {
    this.prune(now);
    let lost = { records: 0 };
    for (let entry of this.letGo)
      lost.records += entry.records, entry.first !== void 0 && (lost.first = Math.min(lost.first ?? entry.first, entry.first)), entry.last !== void 0 && (lost.last = Math.max(lost.last ?? entry.last, entry.last));
    let resend = this.batches;
    return this.batches = [], this.letGo = [], this.chars = 0, this.takenChars = 0, { resend, lost };
  }
  remember(batch, now) {
    this.prune(now);
    let entry = this.letGo.at(-1);
    if (entry && now - entry.since < this.holdMs / 64) {
      entry.records += batch.records, batch.first !== void 0 && (entry.first = Math.min(entry.first ?? batch.first, batch.first)), batch.last !== void 0 && (entry.last = Math.max(entry.last ?? batch.last, batch.last)), entry.at = now;
      return;
    }
    this.letGo.push({ records: batch.records, first: batch.first, last: batch.last, since: now, at: now });
  }
  prune(now) {
    for (; this.letGo.length > 0 && now - this.letGo[0].at >= this.holdMs; ) this.letGo.shift();
  }
};

// src/sinks/syslog/unix.ts
var import_node_child_process3 = require("node:child_process"), RELAY = String.raw`
use strict; use Socket; use Errno;
$| = 1; binmode STDIN; $SIG{PIPE} = 'IGNORE';
my $addr = pack_sockaddr_un($ARGV[0]);
socket(my $s, PF_UNIX, SOCK_DGRAM, 0) or die "socket: $!";
my $failing = 1; my $buf = '';
while (sysread(STDIN, $buf, 65536, length $buf)) {
  while ($buf =~ /^(\d+) /) {
    my $n = $1; my $head = length($1) + 1;
    last if length($buf) < $head + $n;
    my $msg = substr($buf, $head, $n); substr($buf, 0, $head + $n) = '';
    if (defined send($s, $msg, 0, $addr)) { if ($failing) { print "O\n"; $failing = 0; } }
    else { print "F " . (($!{ENOENT} && 'ENOENT') || ($!{ECONNREFUSED} && 'ECONNREFUSED') || ($!{EMSGSIZE} && 'EMSGSIZE') || ($! + 0)) . "\n"; $failing = 1; }
  }
}
`, PIPE_LIMIT = 1024 * 1024, UnixDatagram = class {
  child;
  ended = !1;
  constructor(path36, events) {
    this.child = (0, import_node_child_process3.spawn)("perl", ["-e", RELAY, path36], { stdio: ["pipe", "pipe", "pipe"] }), this.child.on("error", (error) => events.failed(`perl: ${error.code ?? error.message}`)), this.child.on("exit", () => {
      this.ended || events.failed("relay exited");
    }), this.child.stdin.on("error", () => {
    }), this.child.stdin.on("drain", () => events.drain()), this.child.stderr.resume();
    let rest = "";
    this.child.stdout.setEncoding("utf8"), this.child.stdout.on("data", (text2) => {
      let lines = (rest + text2).split(`
`);
      rest = lines.pop();
      let failures = 0;
      for (let line3 of lines)
        line3.startsWith("F ") ? (failures++, events.failed(line3.slice(2))) : line3 === "O" && events.sent();
      failures && events.dropped(failures);
    });
    for (let stream of [this.child.stdin, this.child.stdout, this.child.stderr]) stream.unref?.();
    this.child.unref();
  }
  write(message2, done) {
    return this.child.stdin.write(`${Buffer.byteLength(message2)} ${message2}`, () => done()), this.child.stdin.writableLength < PIPE_LIMIT;
  }
  end() {
    this.ended = !0, this.child.stdin.end();
  }
};

// src/sinks/syslog/sink.ts
var QUEUE_BYTES = 8 * 1024 * 1024, RETRY_FIRST_MS = 250, RETRY_MAX_MS = 1e4, CLOSE_MS = 2e3, STABLE_MS = 3e3, STALL_MS = 5e3, RESEND_CHARS = 8 * 1024 * 1024, COLLECTOR_HOLD_MS = 3e3, CHUNK_CHARS = 64 * 1024, SyslogSink = class {
  constructor(target, options = {}) {
    this.target = target;
    this.options = options;
    this.header = { facility: target.facility, hostname: options.hostname ?? import_node_os5.default.hostname(), procid: process.pid }, this.stream && (this.inFlight = new InFlight(RESEND_CHARS, COLLECTOR_HOLD_MS)), this.connect();
  }
  target;
  options;
  header;
  queue = [];
  queued = 0;
  /**
   * Of `queued`, what a broken link gave back to send again (at its front):
   * outside the queue's bound, or a busy link's break (up to RESEND_CHARS
   * given back) would fill the queue and drop every record of the outage.
   */
  givenBack = 0;
  /** Stream transports: what the collector may not have read (sent again if the link breaks). */
  inFlight;
  connection;
  up = !1;
  paused = !1;
  /** An outage is being reported: onDown was called, onUp not yet. */
  outage = !1;
  dropped = 0;
  droppedFrom;
  droppedTo;
  retryMs = RETRY_FIRST_MS;
  retry;
  /** Until a new connection has held STABLE_MS. */
  stable;
  /** While the socket wants a pause: when it has lasted STALL_MS. */
  stall;
  /** The outage is a stall: the connection is kept, and its drain ends it. */
  stalled = !1;
  closed = !1;
  closing = !1;
  /** Writes handed to the connection and not yet taken by the kernel. */
  pending = 0;
  drained;
  get backlog() {
    return this.queued;
  }
  write(record) {
    let messages = syslogMessages(record, this.header), items = this.stream ? messages.map(octetCounted) : messages, length = 0;
    for (let item of items) length += item.length;
    if (this.queued - this.givenBack + length > QUEUE_BYTES)
      return this.up && this.paused && this.stallDown(), this.count(record.seq);
    this.queue.push({ data: this.stream ? items.join("") : items, records: 1, first: record.seq, last: record.seq }), this.queued += length;
  }
  flush() {
    this.pump();
  }
  /** Waits (a while) for the queue to go out, if the link is up or still being made; never for a retry. */
  async close() {
    this.closing = !0, this.pump(), !this.outage && (this.queued > 0 || this.pending > 0) && await new Promise((resolve) => {
      let timer = setTimeout(resolve, CLOSE_MS);
      timer.unref(), this.drained = () => {
        clearTimeout(timer), resolve();
      };
    }), this.closed = !0, clearTimeout(this.retry), clearTimeout(this.stable), clearTimeout(this.stall), this.connection?.end();
  }
  wrote = () => {
    this.pending--, this.pending === 0 && this.queued === 0 && this.drained?.();
  };
  get stream() {
    return this.target.transport === "tcp" || this.target.transport === "tls";
  }
  pump() {
    if (!this.up || this.paused || !this.connection || this.queued === 0) return;
    let queue = this.queue;
    if (this.queue = [], this.queued = 0, this.givenBack = 0, this.stream) {
      let batch;
      for (let item of queue)
        batch && batch.data.length + item.data.length > CHUNK_CHARS && (this.send(batch), batch = void 0), batch ? (batch.data += item.data, batch.records += item.records, batch.first ??= item.first, item.last !== void 0 && (batch.last = item.last)) : batch = { data: item.data, records: item.records, first: item.first, last: item.last };
      batch && this.send(batch);
    } else
      for (let item of queue)
        for (let message2 of item.data)
          this.pending++, this.connection.write(message2, this.wrote) || (this.paused = !0);
  }
  /** A stream batch written, and kept until the collector must have read it (in-flight.ts). */
  send(batch) {
    let connection = this.connection;
    this.inFlight.sent(batch), this.pending++, !connection.write(batch.data, () => {
      this.connection === connection && this.inFlight.taken(batch, Date.now()), this.wrote();
    }) && !this.paused && this.pausedStream();
  }
  /** The socket wants a pause: if it is still paused STALL_MS from now, the collector is not reading. */
  pausedStream() {
    this.paused = !0, !this.stall && (this.stall = setTimeout(() => {
      this.stall = void 0, this.paused && this.stallDown();
    }, STALL_MS), this.stall.unref());
  }
  /** Connected, but the collector takes nothing: an outage (said once), which its drain ends. */
  stallDown() {
    this.closed || this.outage || (this.stalled = !0, this.outage = !0, queueMicrotask(() => this.options.onDown?.("stalled: the collector takes nothing")));
  }
  /** Records that did not get out (or may not have: in-flight.ts). */
  count(first, records = 1, last = first) {
    this.dropped += records, first !== void 0 && (this.droppedFrom = Math.min(this.droppedFrom ?? first, first)), last !== void 0 && (this.droppedTo = Math.max(this.droppedTo ?? last, last));
  }
  /**
   * The stream broke: what it may not have delivered goes first in the queue,
   * to be sent again (beside the queue's bound: RESEND_CHARS and what the
   * kernel had not taken), and what was let go of shortly before is counted.
   */
  takeBack() {
    if (!this.inFlight) return;
    let { resend, lost } = this.inFlight.broke(Date.now());
    if (lost.records > 0 && this.count(lost.first, lost.records, lost.last), resend.length === 0) return;
    let kept = resend.length;
    for (let chars = 0; kept > 0 && chars + resend[kept - 1].data.length <= RESEND_CHARS; kept--) chars += resend[kept - 1].data.length;
    for (let batch of resend.slice(0, kept)) this.count(batch.first, batch.records, batch.last);
    let back = resend.slice(kept);
    for (let batch of back)
      this.queued += batch.data.length, this.givenBack += batch.data.length;
    this.queue = [...back.map(({ data, records, first, last }) => ({ data, records, first, last })), ...this.queue];
  }
  connect() {
    if (this.closed) return;
    let target = this.target, connection, current = () => connection !== void 0 && this.connection === connection, failed = (error) => {
      (current() || connection === void 0) && this.failed(error.code ?? error.message);
    }, ready = () => {
      current() && this.ready();
    };
    if (target.transport === "tcp" || target.transport === "tls") {
      let socket;
      if (target.transport === "tcp")
        socket = import_node_net2.default.connect({ host: target.host, port: target.port }, ready);
      else {
        let ca;
        try {
          ca = target.ca ? import_node_fs21.default.readFileSync(target.ca) : void 0;
        } catch (error) {
          return failed(error);
        }
        socket = import_node_tls.default.connect({ host: target.host, port: target.port, ca, servername: import_node_net2.default.isIP(target.host) ? void 0 : target.host }, ready);
      }
      socket.setNoDelay(!0), socket.setKeepAlive(!0, 1e4), socket.on("error", failed), socket.on("close", () => failed(new Error("closed"))), socket.on("data", () => {
      }), socket.on("drain", () => {
        current() && (this.paused = !1, clearTimeout(this.stall), this.stall = void 0, this.stalled && (this.stalled = !1, this.confirmed()), this.pump());
      }), socket.unref(), this.connection = connection = { write: (data, done) => socket.write(data, () => done()), end: () => socket.end() };
    } else if (target.transport === "udp") {
      let socket = import_node_dgram.default.createSocket(import_node_net2.default.isIPv6(target.host) ? "udp6" : "udp4");
      socket.on("error", failed), socket.unref(), this.connection = connection = {
        write: (data, done) => (socket.send(data, target.port, target.host, (error) => {
          done(), current() && (error ? (this.count(void 0), failed(error)) : this.confirmed());
        }), !0),
        end: () => socket.close()
      }, queueMicrotask(ready);
    } else {
      let socket = new UnixDatagram(target.path, {
        failed: (code) => failed(new Error(code)),
        sent: () => current() ? this.confirmed() : void 0,
        drain: () => {
          current() && (this.paused = !1, this.pump());
        },
        dropped: (n) => {
          for (let i = 0; i < n; i++) this.count(void 0);
        }
      });
      this.connection = connection = socket, queueMicrotask(ready);
    }
  }
  /** The link can be sent on: a stream connected (it works), a datagram socket made (it works once a send has). */
  ready() {
    if (!(this.closed || this.up)) {
      if (this.up = !0, this.stream) {
        let connection = this.connection;
        this.stable = setTimeout(() => {
          this.stable = void 0, this.connection === connection && this.confirmed();
        }, STABLE_MS), this.stable.unref();
      }
      this.pump();
    }
  }
  /** The link works: the end of an outage, if there was one. */
  confirmed() {
    if (!(this.closed || !this.up) && (this.retryMs = RETRY_FIRST_MS, this.outage)) {
      this.outage = !1;
      let dropped = { records: this.dropped, from: this.droppedFrom, to: this.droppedTo };
      this.dropped = 0, this.droppedFrom = this.droppedTo = void 0, queueMicrotask(() => this.options.onUp?.(dropped));
    }
  }
  failed(error) {
    this.closed || (this.connection && this.takeBack(), this.up = !1, this.paused = !1, this.stalled = !1, clearTimeout(this.stable), clearTimeout(this.stall), this.stable = this.stall = void 0, this.closing && this.drained?.(), this.outage || (this.outage = !0, queueMicrotask(() => this.options.onDown?.(error))), !this.retry && (this.connection?.end(), this.connection = void 0, this.retry = setTimeout(
      () => {
        this.retry = void 0, this.connect();
      },
      this.retryMs * (0.8 + 0.4 * Math.random())
    ), this.retry.unref(), this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS)));
  }
};

// src/tmux/pipe-closer.ts
function pipeCloser(note, nowSeconds) {
  let [user, name, activity] = note.split(" ");
  if (!user || !name || !/^\d+$/.test(activity ?? "")) return;
  let age = nowSeconds - Number(activity);
  return age >= 0 && age <= 1 ? user : void 0;
}

// src/runtime/pty-size.ts
var import_node_fs22 = __nodeBuiltin(require("node:fs")), import_node_tty = __nodeBuiltin(require("node:tty")), PTY = /^\/dev\/pts\/\d+$/;
function openPtySize(path36) {
  if (!PTY.test(path36)) return;
  let fd;
  try {
    fd = import_node_fs22.default.openSync(path36, import_node_fs22.default.constants.O_RDONLY | import_node_fs22.default.constants.O_NOCTTY | import_node_fs22.default.constants.O_NONBLOCK);
  } catch {
    return;
  }
  let stream;
  try {
    stream = new import_node_tty.default.WriteStream(fd);
  } catch {
    import_node_fs22.default.closeSync(fd);
    return;
  }
  stream.unref();
  let handle = stream._handle;
  if (typeof handle?.getWindowSize != "function") {
    stream.destroy();
    return;
  }
  let own = handle.fd;
  typeof own == "number" && own !== fd && import_node_fs22.default.closeSync(fd);
  let sized = handle;
  return {
    read: () => {
      let size2 = [0, 0];
      if (sized.getWindowSize(size2) !== 0) return;
      let [columns, rows] = size2;
      return columns > 0 && rows > 0 ? { columns, rows } : void 0;
    },
    close: () => stream.destroy()
  };
}

// src/commands/pipe.ts
var QUIET_STOP_MS = 200, TICK_MS = 1e3, STALL_MS2 = 5e3, PTY_PAUSE_MS = 1;
function runPipe(recording, runFile) {
  runFile && writeReaderPid(runFile);
  let tmux = new Tmux(recording.socket), tell = (text2, error = !1) => {
    if (!recording.socket) return void process.stderr.write(`tmux-audit: ${text2}
`);
    tmux.messageLater(`tmux-audit: ${text2}`, { version: recording.version, error });
  }, key2 = chainKey(recording, tell), lastSealMade = !1, sink;
  try {
    sink = openSink();
  } catch (error) {
    let failure2 = error;
    throw failure2.code ? cannotWrite(recording.file, failure2) : failure2;
  }
  function openSink() {
    return new FileSink(recording.file, recordFormat(recording.format, recording.timeFormat), {
      maxBytes: recording.maxBytes,
      maxFiles: recording.maxFiles,
      rotate: recording.rotate ?? "both",
      maxAgeMs: recording.maxAgeMs ?? Number.POSITIVE_INFINITY,
      compress: recording.compress ?? !1,
      onPlanted: once((file) => tell(`left ${file} alone: it has the name of a rotated log or cast past ${OPTION_NAMES.maxAge}, or of a compression, but it is not one of ours (someone else's, a symlink, or a second name); others like it are not said again`, !0)),
      onCompressError: once((file, error) => tell(`cannot compress ${file} (${error.code ?? error.message}); it stays as it is`, !0)),
      // The essentials first: a narrow message line cuts the end off.
      onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${recording.file}; logging of ${recording.paneId} resumes when it can`, !0),
      onRecover: () => tell(`writing again (${recording.paneId}) ${recording.file}`),
      onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${recording.file}; writing on past its size limit`, !0),
      // Once per reader: from now on every rotation deletes one, which the user chose, but should hear of once.
      onFirstPrune: (file) => tell(`deleted ${file}, the oldest rotated log (${OPTION_NAMES.maxFiles} is ${recording.maxFiles}; 'all' keeps every one)`, !0),
      // Removed while logging: said first thing in the new file and once in the message line. The
      // run and pid files went with a removed directory; without them the next toggle would take
      // this reader for dead instead of stopping it.
      onLost: (what, _queued, cut2) => {
        if (recorder.event("lost", { what, ...cut2 }, sink.waitingSince), pipeline2.flush(), runFile && what === "directory")
          try {
            writeRecording(runFile, recording), writeReaderPid(runFile);
          } catch {
          }
        tell(what === "cut" ? `the log ${recording.file} was cut while ${recording.paneId} was logged (${cut2?.held ?? "?"} bytes, now ${cut2?.left ?? "?"}); what it held is gone, logging goes on in it` : `the log ${what === "moved" ? "file was moved away" : `${what} was removed`} while ${recording.paneId} was logged; earlier lines are gone, logging goes on in a new ${recording.file}`, !0);
      },
      // Into the recording's chain, where removing it is a break (chain/digest-event.ts); not once its last seal is
      // made or on its way (a record after it reads as forged): that file's digest is then the ledger's line alone.
      onRotatedDigest: (rotated, digest) => {
        lastSealMade || inOrder(() => {
          recorder.event(DIGEST_EVENT, digestFields(recording.file, rotated, digest)), pipeline2.flush();
        });
      },
      // `pipe --file` may write into any directory the user names (/tmp, a shared project directory): used as it is.
      directory: runFile ? "private" : "as-is",
      onOpened: runFile ? (identity2) => {
        try {
          noteHeldFile(runFile, identity2);
        } catch {
        }
      } : void 0
    }, {
      key: key2,
      onSealed: runFile ? (link, file, line3, offset) => {
        try {
          noteSealLink(runFile, link, file, line3, offset);
        } catch {
        }
      } : void 0
    });
  }
  let stamper = new Stamper(recordingIdentity(recording)), guard = new BacklogGuard({
    pressure: () => sink.backlog,
    dropped: (lines, chars, time) => stamper.event("dropped", { lines, chars, reason: "log writer backlog" }, time)
  }), hold = new Hold(), transforms = [hold];
  recording.redact !== !1 && transforms.push(new Redactor({ extra: parseExtraPatterns(recording.redactPatterns ?? "") })), recording.redact !== !1 && recording.cast && tell(`${OPTION_NAMES.cast} keeps the pane's raw output, which is NOT redacted (nor is export --asciicast of it): redaction applies to the log and syslog records`), transforms.push(guard);
  let sinks = [sink];
  if (recording.syslog) {
    let where = describeTarget(recording.syslog);
    sinks.push(
      new SyslogSink(recording.syslog, {
        onDown: (error) => {
          tell(`syslog forwarding to ${where} failed (${error}); the log file has every record, forwarding retries`, !0), inOrder(() => {
            recorder.event("syslog", { state: "down", to: where, error }), pipeline2.flush();
          });
        },
        onUp: (dropped) => {
          tell(`syslog forwarding to ${where} works again${dropped.records ? `; ${dropped.records} records were not forwarded` : ""}`), inOrder(() => {
            recorder.event("syslog", { state: "up", to: where, dropped: dropped.records, from: dropped.from, until: dropped.to }), pipeline2.flush();
          });
        }
      })
    );
  }
  let pipeline2 = new Pipeline(transforms, sinks), castSize, sizes = new SizeQuestions(recording.width && recording.height ? { columns: recording.width, rows: recording.height } : void 0), askSize = (done) => {
    let question = sizes.ask();
    tmux.paneSize(recording.paneId, (answer) => {
      let size2 = sizes.answer(question, answer);
      size2 && castSize?.learnt(size2, Date.now()), done(size2);
    }, !0);
  }, recorder = new Recorder(stamper, pipeline2, {
    now: Date.now,
    screen: recording.socket ? screenOf(tmux, recording.paneId) : void 0,
    width: recording.width,
    noAlternateScreen: recording.noAlternateScreen,
    // `pipe --file` stamps a program's output, which no terminal turned into CR LF.
    newlineReturns: !runFile,
    height: recording.height,
    paneSize: recording.socket ? askSize : void 0,
    shellKeys: recording.socket ? { registered: (pid, done) => tmux.registeredShell(recording.paneId, pid, done) } : void 0,
    hold
  });
  recorder.start({ by: recording.by, pane: recording.paneId || void 0, pid: process.pid, file: recording.file, shell: recording.shell, redact: recording.redact === !1 ? "off" : void 0, ...recording.context }, recording.seed ?? "", !!recording.alternateScreen, recording.rowsAbove), recording.history && recorder.history(recording.history.time, recording.history.rows);
  let resizeHold = recording.socket ? new ResizeHold({
    ask: askSize,
    deliver: (chunk) => recorder.push(chunk),
    resized: (size2) => recorder.resized(size2)
  }) : void 0;
  function inOrder(action) {
    resizeHold ? resizeHold.inOrder(action) : action();
  }
  let gate = recording.socket ? actorGate(tmux, recording, stamper, recorder, (chunk) => resizeHold.push(chunk), inOrder) : void 0, take2 = gate ? (chunk) => gate.push(chunk) : (chunk) => recorder.push(chunk);
  resizeHold && (process.on("SIGWINCH", () => {
    finishing || resizeHold.signalled();
  }), tmux.announceReader(recording.paneId, recording.id, process.pid), resizeHold.signalled());
  let lastTick = Date.now();
  if (setInterval(() => {
    let now = Date.now();
    if (now - lastTick >= STALL_MS2) {
      let ms = now - lastTick;
      inOrder(() => recorder.event("stall", { ms, reason: "the reader did not run" }));
    }
    lastTick = now;
  }, TICK_MS).unref(), recording.socket) {
    let place = new PlaceWatch({ session: recording.session, window: recording.window, pane: recording.pane }), beatAndLook = () => {
      let question = sizes.ask();
      tmux.beatAndAsk(recording.paneId, [...WHERE_FORMAT, "#{pane_width}", "#{pane_height}"], { recording: recording.id, pid: process.pid, runFile }, (answer) => {
        let fields = answer?.replace(/\n$/, "").split(FIELD_SEPARATOR) ?? [], [columns, rows] = fields.slice(WHERE_FORMAT.length).map(Number), size2 = columns > 0 && rows > 0 ? { columns, rows } : void 0;
        !finishing && sizes.differs(question, size2) && resizeHold?.signalled();
        let where = answer === void 0 ? void 0 : parseWhere(answer, FIELD_SEPARATOR), moved = where && place.seen(where);
        moved && !finishing && inOrder(() => {
          recorder.event("moved", moved), pipeline2.flush();
        });
      });
    };
    beatAndLook(), setInterval(() => {
      beatAndLook(), gate?.poll(), finishing || takeNotesNow();
    }, BEAT_MS).unref();
  }
  let cast = recording.cast ? openCast(recording, tell, (bytes) => recorder.event("dropped", { bytes, reason: "cast writer backlog" })) : void 0;
  cast && recording.socket && (castSize = new CastSizeWatch(cast, (done) => tmux.paneSize(recording.paneId, done)));
  let castInput = castSize ?? cast, lastRead = Number.NEGATIVE_INFINITY, pty = recording.tty ? openPtySize(recording.tty) : void 0, ptySeen = pty?.read(), sizeAfterPause = () => {
    let size2 = pty.read();
    if (!size2) {
      pty.close(), pty = void 0;
      return;
    }
    if (ptySeen && ptySeen.columns === size2.columns && ptySeen.rows === size2.rows) return;
    ptySeen = size2;
    let signal = () => resizeHold?.signalled();
    gate ? gate.inOrder(signal) : signal();
  }, quietStop, stopReading = readInput({
    data: (chunk) => {
      let now = Date.now();
      pty && now - lastRead >= PTY_PAUSE_MS && !finishing && sizeAfterPause(), lastRead = now, castInput?.push(chunk, now), take2(chunk), quietStop?.refresh();
    },
    end: () => {
      finish("eof");
    },
    error: (error) => {
      finish(`input-error:${error.code ?? "unknown"}`);
    }
  }), finishing = !1, finish = async (reason) => {
    if (finishing) return;
    finishing = !0, stopReading(), gate?.close(), resizeHold?.end(), recorder.endOfInput(), takeNotesNow(), await notesDone;
    let stop2 = (runFile ? await toggleThatClosed(tmux, recording, runFile) : void 0) ?? (runFile ? takeStopRequest(runFile, recording) : void 0), fields = stop2 ? { reason: stop2.reason ?? "toggle", status: stop2.status, by: stop2.by } : reason === "eof" ? endOfInput(tmux, recording) : { reason };
    if (recording.socket && !stop2?.by)
      try {
        tmux.clearMarks(recording.paneId, recording.id);
      } catch {
      }
    castSize?.end(), cast?.end(), pipeline2.flush(), await sink.digestsTaken(), lastSealMade = !0, await recorder.stop(fields), await cast?.close(), runFile && removeRunFiles(runFile, recording.id), process.exit(0);
  };
  process.on("uncaughtException", (error) => {
    setTimeout(() => process.exit(70), 2e3), lastSealMade = !0;
    try {
      try {
        resizeHold?.end();
      } catch {
      }
      recorder.event("error", { message: error.message }), castSize?.end(), cast?.end();
    } finally {
      Promise.allSettled([pipeline2.close(), cast?.close()]).finally(() => process.exit(70));
    }
  });
  let refusedOnce = once((file, why) => tell(`refused the note ${file}: ${why}`, !0)), notesDone = Promise.resolve(), takeNotesNow = () => {
    if (runFile)
      for (let note of takeNotes(runFile, recording.id, ({ file, why }) => refusedOnce(file, why)))
        notesDone = notesDone.then(
          () => new Promise(
            (resolve) => noteFacts(tmux, recording.paneId, note, (fields) => {
              fields && inOrder(() => {
                recorder.event(note.name, fields), pipeline2.flush();
              }), resolve();
            })
          )
        );
  };
  if (runFile) {
    process.on("SIGUSR2", () => {
      finishing || takeNotesNow();
    });
    try {
      openInbox(runFile, recording.id);
    } catch {
    }
  }
  for (let signal of ["SIGTERM", "SIGHUP", "SIGINT"]) process.on(signal, () => {
    finish(signal);
  });
  process.on("SIGUSR1", () => {
    quietStop ??= setTimeout(() => {
      finish("SIGUSR1");
    }, QUIET_STOP_MS);
  });
}
function openCast(recording, tell, dropped) {
  let file = castPath(recording.file, recording.id);
  try {
    return new CastFile(
      file,
      { width: recording.width ?? 80, height: recording.height ?? 24, startMs: Date.now(), title: `${recording.session}:${recording.window}.${recording.pane} (${recording.paneId}) rec ${recording.id}`, term: "tmux-256color" },
      {
        maxBytes: recording.maxBytes,
        maxFiles: recording.maxFiles,
        // Rotated parts go by age as the log's do (its own rotations; the log's prune the casts of finished recordings).
        maxAgeMs: recording.maxAgeMs ?? Number.POSITIVE_INFINITY,
        onPlanted: once((planted) => tell(`left ${planted} alone: it looks like a rotated cast past ${OPTION_NAMES.maxAge}, but it is not one of ours (someone else's, a symlink, or a second name)`, !0)),
        onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${file}; the cast resumes when it can`, !0),
        onRecover: () => tell(`writing again ${file}`),
        onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${file}; writing on past its size limit`, !0),
        onDropped: dropped
      }
    );
  } catch (error) {
    let failure2 = error;
    tell(`${OPTION_NAMES.cast}: ${failure2.code ? cannotWrite(file, failure2).message : failure2.message}; logging goes on without it`, !0);
    return;
  }
}
function actorGate(tmux, recording, stamper, recorder, deliver, inOrder) {
  let tracker = new ActorTracker(
    { user: recording.user, uid: String(process.getuid?.() ?? "") },
    (name, fields) => inOrder(() => recorder.event(name, fields)),
    (user) => inOrder(() => stamper.actingUser(user))
  ), gate = new ActorGate({ now: Date.now, ask: (done) => tmux.typing(recording.paneId, done), tracker, deliver });
  return gate.poll(), gate;
}
function screenOf(tmux, paneId) {
  return { program: (done) => tmux.currentCommand(paneId, done), alternate: (done) => tmux.alternateOn(paneId, done) };
}
var TOGGLE_CONFIRM_MS = 2e3;
async function toggleThatClosed(tmux, recording, runFile) {
  let stops = toggleStops(runFile);
  if (stops.length === 0) return;
  let marked = recording.socket ? tmux.takeStopMarks(stops.map((stop2) => stop2.nonce)) : void 0, by = (stop2) => stop2 && { by: stop2.by }, shown = stops.find((stop2) => marked?.has(stop2.nonce));
  if (shown) return by(shown);
  for (let deadline = Date.now() + TOGGLE_CONFIRM_MS; ; ) {
    let waiting = stops.some((stop2) => processAlive(stop2.pid));
    stops = toggleStops(runFile);
    let confirmed = stops.find((stop2) => stop2.confirmed);
    if (confirmed || !waiting || Date.now() > deadline) return by(confirmed);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
function endOfInput(tmux, recording) {
  if (!recording.socket) return { reason: "eof" };
  let { fate, pipedBy } = tmux.paneFate(recording.paneId);
  return fate === "gone" ? { reason: "pane-closed" } : fate === "dead" ? { reason: "pane-exited" } : fate === "alive" ? { reason: "pipe-closed", by: pipeCloser(pipedBy, Math.floor(Date.now() / 1e3)) } : { reason: "server-exit" };
}
function chainKey(recording, tell) {
  if (recording.chainKey)
    try {
      let key2 = import_node_fs23.default.readFileSync(recording.chainKey), loose = keyFileWarning(recording.chainKey);
      if (loose && tell(loose, !0), key2.length > 0) return key2;
      tell(`the chain key ${recording.chainKey} is empty; ${recording.paneId} is chained without a key`, !0);
    } catch (error) {
      tell(`cannot read the chain key ${recording.chainKey} (${error.code ?? error.message}); ${recording.paneId} is chained without a key`, !0);
    }
}
function once(say) {
  let said = !1;
  return (...args) => {
    said || (said = !0, say(...args));
  };
}

// src/commands/recover.ts
var import_node_os6 = __nodeBuiltin(require("node:os"));
function recoverReader(runFile, status) {
  let recording;
  try {
    recording = readRecording(runFile);
  } catch {
    return;
  }
  let cause = status > 128 ? { signal: signalName(status - 128) } : { exit: status }, said = status > 128 ? `killed by ${cause.signal}` : `exit status ${status}`, torn = !1;
  try {
    torn = !endsWithNewline(recording.file);
  } catch {
  }
  let bound = externalStopFields(runFile, recording.id, "reader-died", recording.chainKey, recording.file), stop2 = new Stamper(recordingIdentity(recording)).event("stop", { reason: "reader-died", ...cause, ...bound }, Date.now()), unwritten = "";
  try {
    appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [stop2], torn ? `
` : "");
  } catch (error) {
    unwritten = `; not recorded in the log: ${error.message}`;
  }
  let tmux = new Tmux(recording.socket);
  try {
    tmux.takeStopMarks(toggleStopNoncesOf(runFile)), tmux.clearMarks(recording.paneId, recording.id), tmux.message(`tmux-audit: logging of ${recording.paneId} stopped unexpectedly (reader ${said}, rec ${recording.id}); toggle to start again${unwritten}`, {
      version: recording.version,
      error: !0
    });
  } catch {
  }
  removeRunFiles(runFile, recording.id);
}
function signalName(signal) {
  let found = Object.entries(import_node_os6.default.constants.signals).find(([, number2]) => number2 === signal);
  return found ? found[0] : String(signal);
}

// src/commands/auto.ts
function setAutoHooks(tmux, index) {
  let command = autoOn(tmux.globalOption(OPTIONS.auto.name)) ? autoHookCommand(process.execPath, import_node_fs24.default.realpathSync(process.argv[1]), tmux.socketPath()) : void 0;
  for (let hook of AUTO_HOOKS) tmux.setHook(hook, index, command);
  return { messages: [], version: "" };
}
function startAllPanes(tmux) {
  let rows = tmux.autoRows(), started = [], failed = [], version = "";
  for (let paneId of panesToStart(rows, (row) => livingReader(row.runFile) !== void 0))
    try {
      let state = readPane(tmux, paneId);
      version = state.version, started.push({ paneId, plan: launch(tmux, state, { pane: paneId }, AUTO_BY) });
    } catch (error) {
      failed.push(`${paneId}: ${error.message}`);
    }
  let deadline = Date.now() + READER_START_TIMEOUT_MS;
  for (let { paneId, plan } of started) readerStarted(tmux, paneId, plan, deadline) === "failed" && failed.push(plan.readerFailed);
  return { messages: failed.length > 0 ? [`auto-start failed for ${failed.join("; ")}`] : [], version };
}
function runAutoReader(socket, paneId, respawned = !1) {
  let tmux = new Tmux(socket), state = readPane(tmux, paneId), { options } = resolveOptions(state.options, process.env), plan = planStart({
    state,
    options,
    warnings: [],
    dirExists: import_node_fs24.default.existsSync(options.dir),
    id: nanoid(10),
    username: import_node_os7.default.userInfo().username,
    clients: tmux.clientsOf(state.sessionId),
    by: AUTO_BY,
    node: process.execPath,
    bundle: import_node_fs24.default.realpathSync(process.argv[1]),
    // A new pane's shell has not registered yet; its key is asked for when it does (capture/commands.ts).
    integrated: !1,
    pluginDir: "",
    shipped: () => !1
  }), { older, newer } = readersByAge(plan.runFile, plan.recording.socket, paneId);
  if (newer.length > 0) return;
  waitForReaders(older);
  try {
    import_node_fs24.default.closeSync(openAppend(plan.file));
  } catch (error) {
    let failure2 = cannotWrite(plan.file, error);
    tmux.message(`tmux-audit: auto-start of ${paneId}: ${failure2.message}`, { version: state.version, error: !0 });
    return;
  }
  let history = respawned && options.history && !state.alternateScreen ? { time: Date.now(), rows: tmux.rowsAbove(paneId, state.cursorY + 1, options.historyLines) } : void 0, recording = { ...plan.recording, alternateScreen: !1, seed: "", ...history && history.rows.length > 0 ? { history } : {} };
  writeRecording(plan.runFile, recording);
  let earlyStop = !1, keepStop = () => {
    earlyStop = !0;
  };
  if (process.on("SIGUSR1", keepStop), writeReaderPid(plan.runFile), !tmux.markPipe(paneId, recording.id, plan.runFile)) {
    process.off("SIGUSR1", keepStop), removeRunFiles(plan.runFile, recording.id);
    return;
  }
  let dead = deadStatus(tmux, paneId);
  dead !== void 0 && (requestStop(plan.runFile, { reason: "pane-exited", status: dead || void 0 }), rearmIfAuto(tmux, paneId, recording.id, plan.runFile)), runPipe(recording, plan.runFile), process.off("SIGUSR1", keepStop), (earlyStop || dead !== void 0) && process.kill(process.pid, "SIGUSR1");
}
function deadStatus(tmux, paneId) {
  let [dead, status = ""] = tmux.run(["display-message", "-p", "-t", paneId, "#{pane_dead} #{pane_dead_status}"]).trim().split(" ");
  return dead === "1" ? status : void 0;
}
function recoverPane(socket, paneId, status) {
  let runFile = "";
  try {
    runFile = new Tmux(socket).paneOption(paneId, PANE_OPTIONS.runFile).trim();
  } catch {
    return;
  }
  runFile !== "" && recoverReader(runFile, status);
}

// src/commands/ls.ts
var import_node_path28 = __nodeBuiltin(require("node:path"));

// src/read/summary.ts
var import_node_fs30 = __nodeBuiltin(require("node:fs")), import_node_path24 = __nodeBuiltin(require("node:path"));

// src/read/chunks.ts
var import_node_fs27 = __nodeBuiltin(require("node:fs"));

// src/read/gunzip.ts
var import_node_child_process4 = require("node:child_process"), import_node_fs25 = __nodeBuiltin(require("node:fs")), import_node_os8 = __nodeBuiltin(require("node:os")), import_node_path22 = __nodeBuiltin(require("node:path")), import_node_zlib2 = __nodeBuiltin(require("node:zlib"));
var MAX_GUNZIPPED_BYTES = 1024 ** 3, IN_PROCESS_BYTES = 64 << 20, SMALLEST_GZIP = 20;
function gzipClaim(size2, trailer) {
  return size2 < SMALLEST_GZIP ? void 0 : trailer.readUInt32LE(0);
}
function tooLarge(file) {
  return new AuditError(`${file} gunzips to more than ${MAX_GUNZIPPED_BYTES} bytes: refused, not read`, 2);
}
function notWhole(file, message2) {
  return new AuditError(`${file} is not a whole gzip file (${message2}): refused, not read`, 2);
}
function gunzippedText(file, gz) {
  let dir = import_node_fs25.default.mkdtempSync(import_node_path22.default.join(import_node_os8.default.tmpdir(), "tmux-audit-gz-")), temp = import_node_path22.default.join(dir, "text"), text2;
  try {
    text2 = import_node_fs25.default.openSync(temp, import_node_fs25.default.constants.O_RDWR | import_node_fs25.default.constants.O_CREAT | import_node_fs25.default.constants.O_EXCL, 384);
  } finally {
    try {
      text2 !== void 0 && import_node_fs25.default.unlinkSync(temp), import_node_fs25.default.rmdirSync(dir);
    } catch (error) {
      throw text2 !== void 0 && import_node_fs25.default.closeSync(text2), error;
    }
  }
  try {
    return gunzipInto(file, gz, text2), text2;
  } catch (error) {
    throw import_node_fs25.default.closeSync(text2), error;
  }
}
var STREAM = `
const fs = require('node:fs'), zlib = require('node:zlib');
const limit = Number(process.argv[1]);
let total = 0;
const gunzip = zlib.createGunzip();
gunzip.on('data', (chunk) => {
  if (total + chunk.length > limit) process.exit(3);
  for (let done = 0; done < chunk.length; ) done += fs.writeSync(1, chunk, done, chunk.length - done, total + done);
  total += chunk.length;
});
gunzip.on('error', (error) => { process.stderr.write(error.message); process.exit(4); });
gunzip.on('end', () => process.exit(0));
fs.createReadStream('', { fd: 0, start: 0 }).pipe(gunzip);
`;
function gunzipInto(file, gz, output) {
  let size2 = import_node_fs25.default.fstatSync(gz).size, trailer = Buffer.alloc(4);
  size2 >= 4 && import_node_fs25.default.readSync(gz, trailer, 0, 4, size2 - 4);
  let claim2 = gzipClaim(size2, trailer);
  if (claim2 !== void 0 && claim2 <= IN_PROCESS_BYTES && size2 <= 2 * IN_PROCESS_BYTES) {
    let bytes = Buffer.allocUnsafe(size2);
    for (let done = 0; done < size2; ) {
      let read2 = import_node_fs25.default.readSync(gz, bytes, done, size2 - done, done);
      if (read2 === 0) break;
      done += read2;
    }
    let text2;
    try {
      text2 = import_node_zlib2.default.gunzipSync(bytes, { maxOutputLength: Math.max(1, claim2) });
    } catch (error) {
      let code = error.code;
      if (code !== "ERR_BUFFER_TOO_LARGE")
        throw typeof code == "string" && code.startsWith("Z_") ? notWhole(file, error.message) : error;
    }
    if (text2) {
      for (let done = 0; done < text2.length; ) done += import_node_fs25.default.writeSync(output, text2, done, text2.length - done, done);
      return;
    }
  }
  let run = (0, import_node_child_process4.spawnSync)(process.execPath, ["-e", STREAM, String(MAX_GUNZIPPED_BYTES)], { stdio: [gz, output, "pipe"], env: {}, encoding: "utf8" });
  if (run.status !== 0)
    throw run.status === 3 ? tooLarge(file) : run.status === 4 ? notWhole(file, run.stderr.trim()) : new AuditError(`${file} could not be gunzipped (${run.error?.message ?? `exit ${run.status ?? run.signal}`}): refused, not read`, 2);
}

// src/read/safe-open.ts
var import_node_fs26 = __nodeBuiltin(require("node:fs"));
var OPEN_FLAGS = import_node_fs26.default.constants.O_RDONLY | import_node_fs26.default.constants.O_NOFOLLOW | import_node_fs26.default.constants.O_NONBLOCK;
function openLogFile(file) {
  let fd;
  try {
    fd = import_node_fs26.default.openSync(file, OPEN_FLAGS);
  } catch (error) {
    throw error.code === "ELOOP" ? new AuditError(`${file} is a symbolic link: refused, not read`, 2) : error;
  }
  try {
    let stat = import_node_fs26.default.fstatSync(fd);
    if (!stat.isFile()) throw new AuditError(`${file} is not a regular file: refused, not read`, 2);
    let uid = process.geteuid?.() ?? stat.uid;
    if (uid !== 0 && stat.uid !== uid) throw new AuditError(`${file} is owned by uid ${stat.uid}, not by us: refused, not read`, 2);
    return fd;
  } catch (error) {
    throw import_node_fs26.default.closeSync(fd), error;
  }
}

// src/read/fold.ts
var CASE_BLIND = /* @__PURE__ */ new WeakSet();
function caseBlindNeedle(lower) {
  return CASE_BLIND.add(lower), lower;
}
function isCaseBlind(needle) {
  return CASE_BLIND.has(needle);
}
var isLower = (byte) => byte >= 97 && byte <= 122;
function sameBytes(piece, at, bytes) {
  if (at < 0 || at + bytes.length > piece.length) return !1;
  for (let i = 0; i < bytes.length; i++) if (piece[at + i] !== bytes[i]) return !1;
  return !0;
}
function sameFolded(piece, at, lower) {
  if (at < 0 || at + lower.length > piece.length) return !1;
  for (let i = 0; i < lower.length; i++) {
    let byte = piece[at + i], want = lower[i];
    if (byte !== want && !(isLower(want) && byte === want - 32)) return !1;
  }
  return !0;
}
function indexOfFolded(piece, lower, from, to = piece.length) {
  for (let at = Math.max(0, from); at + lower.length <= to; at++) if (sameFolded(piece, at, lower)) return at;
  return -1;
}

// src/read/simd-find.ts
function finder(pairs2, fold) {
  let params = 2 + 6 * pairs2, mask = params + 4 * pairs2, body = [2, 4 * pairs2, 123, 1, 127];
  for (let i = 0; i < 4 * pairs2; i++) body.push(32, 2 + 6 * (i >> 2) + 2 + (i & 3), 253, 15, 33, params + i);
  body.push(2, 64, 3, 64), body.push(32, 0, 32, 1, 79, 13, 1);
  for (let k = 0; k < pairs2; k++) {
    for (let j = 0; j < 2; j++)
      body.push(32, 0, 32, 2 + 6 * k + j, 106, 253, 0, 0, 0), fold && body.push(32, params + 4 * k + 2 + j, 253, 80), body.push(32, params + 4 * k + j, 253, 35);
    body.push(253, 78), k > 0 && body.push(253, 80);
  }
  return body.push(253, 100, 34, mask), body.push(4, 64, 32, 0, 32, mask, 104, 106, 15, 11), body.push(32, 0, 65, 16, 106, 33, 0, 12, 0), body.push(11, 11, 65, 127, 11), body;
}
function lineFinder() {
  let block = [32, 0, 253, 0, 0, 0, 32, 4, 253, 35, 253, 100, 34, 7], byte = [32, 0, 45, 0, 0, 65, 10, 70], found = (at) => [32, 3, ...at, 54, 2, 4, 32, 5, 15], loop = (limit, step, body) => [
    2,
    64,
    3,
    64,
    // block, loop
    ...step === 16 ? [32, 0, 65, 16, 106, 32, limit, 75] : [32, 0, 32, limit, 79],
    13,
    1,
    // past limit (unsigned): out
    ...body,
    32,
    0,
    65,
    step,
    106,
    33,
    0,
    12,
    0,
    // p += step, again
    11,
    11
    // end loop, end block
  ], lane = (i) => [32, 8, 253, 27, i, 106];
  return [
    4,
    1,
    123,
    3,
    127,
    1,
    123,
    2,
    127,
    // locals
    65,
    10,
    253,
    15,
    33,
    4,
    // splat `\n`
    32,
    0,
    65,
    1,
    107,
    33,
    6,
    // last = at - 1
    // The lines before target, without a branch per block: each lane counts its `\n` bytes (eq is -1: subtracted),
    // 255 blocks at most, then the sixteen counts are added up into the count.
    3,
    64,
    // loop
    65,
    0,
    253,
    15,
    33,
    8,
    65,
    255,
    1,
    33,
    9,
    // counts = 0, 255 blocks
    ...loop(1, 16, [
      32,
      9,
      69,
      13,
      1,
      // none left: out
      32,
      8,
      32,
      0,
      253,
      0,
      0,
      0,
      32,
      4,
      253,
      35,
      253,
      113,
      33,
      8,
      // counts -= load(p) == `\n`
      32,
      9,
      65,
      1,
      107,
      33,
      9
    ]),
    32,
    8,
    253,
    125,
    253,
    127,
    33,
    8,
    // the counts, pairwise, into four
    32,
    5,
    ...lane(0),
    ...lane(1),
    ...lane(2),
    ...lane(3),
    33,
    5,
    32,
    9,
    69,
    13,
    0,
    // stopped for the 255: again
    11,
    ...loop(1, 1, [...byte, 4, 64, 32, 5, 65, 1, 106, 33, 5, 11]),
    // the rest, one by one
    // The last of them, backwards from target: sixteen at a time while they lie after `at`, then one by one.
    32,
    1,
    33,
    10,
    // q = target
    2,
    64,
    2,
    64,
    3,
    64,
    // block (found), block, loop
    32,
    10,
    65,
    16,
    107,
    32,
    6,
    76,
    13,
    1,
    // q - 16 <= last (before at): out
    32,
    10,
    65,
    16,
    107,
    253,
    0,
    0,
    0,
    32,
    4,
    253,
    35,
    253,
    100,
    34,
    7,
    // mask of [q - 16, q)
    4,
    64,
    32,
    10,
    65,
    15,
    106,
    32,
    7,
    103,
    107,
    33,
    6,
    12,
    3,
    11,
    // mask: last = q + 15 - clz(mask), found
    32,
    10,
    65,
    16,
    107,
    33,
    10,
    12,
    0,
    // q -= 16, again
    11,
    11,
    2,
    64,
    3,
    64,
    // block, loop
    32,
    10,
    32,
    6,
    65,
    1,
    106,
    76,
    13,
    1,
    // q <= at: out (none: last stays at - 1)
    32,
    10,
    65,
    1,
    107,
    34,
    10,
    45,
    0,
    0,
    65,
    10,
    70,
    // mem[--q] == `\n`
    4,
    64,
    32,
    10,
    33,
    6,
    12,
    3,
    11,
    // last = q, found
    12,
    0,
    11,
    11,
    11,
    // found
    32,
    3,
    32,
    6,
    65,
    1,
    106,
    54,
    2,
    0,
    // mem[out] = last + 1
    32,
    1,
    33,
    0,
    // p = target
    // The line's end: p + ctz(mask) at the first mask, then one by one; none: -1.
    ...loop(2, 16, [...block, 4, 64, ...found([32, 0, 32, 7, 104, 106]), 11]),
    ...loop(2, 1, [...byte, 4, 64, ...found([32, 0]), 11]),
    ...found([65, 127]),
    11
  ];
}
var leb = (n) => n < 128 ? [n] : [n & 127 | 128, ...leb(n >> 7)], section = (id, content) => [id, ...leb(content.length), ...content], i32s = (n) => Array(n).fill(127), FUNCTIONS = [["find", 1, !0], ["findPlain", 1, !1], ["findAny", 2, !0], ["findAnyPlain", 2, !1]], BODIES = [...FUNCTIONS.map(([, pairs2, fold]) => finder(pairs2, fold)), lineFinder()], NAMES = [...FUNCTIONS.map(([name]) => name), "line"], MODULE = Uint8Array.from([
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  // types: (i32 x 8) -> i32, (i32 x 14) -> i32, (i32 x 4) -> i32
  ...section(1, [3, 96, 8, ...i32s(8), 1, 127, 96, 14, ...i32s(14), 1, 127, 96, 4, ...i32s(4), 1, 127]),
  ...section(2, [1, 1, 109, 3, 109, 101, 109, 2, 0, 0]),
  // import m.mem, a memory of any size
  ...section(3, [BODIES.length, ...FUNCTIONS.map(([, pairs2]) => pairs2 - 1), 2]),
  ...section(7, [NAMES.length, ...NAMES.flatMap((name, i) => [name.length, ...Buffer.from(name), 0, i])]),
  ...section(10, [BODIES.length, ...BODIES.flatMap((body) => [...leb(body.length), ...body])])
]), SLOTS = 4, SLOT_BYTES = 1 << 20, PAGE = 65536, OUT = SLOTS * SLOT_BYTES, ARENA_PAGES = OUT / PAGE + 1, memory, find, findPlain, findAny, findAnyPlain, line, lineEnds, slotsGiven = 0;
function load() {
  if (!(find || memory === null))
    try {
      let wasmMemory = new WebAssembly.Memory({ initial: ARENA_PAGES, maximum: ARENA_PAGES }), instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE), { m: { mem: wasmMemory } });
      find = instance.exports.find, findPlain = instance.exports.findPlain, findAny = instance.exports.findAny, findAnyPlain = instance.exports.findAnyPlain, line = instance.exports.line, memory = wasmMemory.buffer, lineEnds = new Int32Array(memory, OUT, 2);
    } catch {
      memory = void 0, find = void 0, findPlain = void 0, findAny = void 0, findAnyPlain = void 0, line = void 0, lineEnds = void 0;
    }
}
function arenaBuffer(size2) {
  if (!(size2 > SLOT_BYTES || slotsGiven >= SLOTS) && (load(), !!memory))
    return Buffer.from(memory, SLOT_BYTES * slotsGiven++, SLOT_BYTES);
}
function inArena(buffer) {
  return memory !== void 0 && buffer.buffer === memory;
}
function lineInArena(piece, at, target, end, into) {
  if (!line || piece.buffer !== memory) return !1;
  let base = piece.byteOffset;
  into.before = line(base + at, base + target, base + end, OUT), into.start = lineEnds[0] - base;
  let newline = lineEnds[1];
  return into.end = newline < 0 ? end : newline - base, !0;
}
var MISSES = 32;
function findInArena(piece, needle, from, rare1, rare2, blind = !1) {
  if (!find || piece.buffer !== memory) return;
  let length = needle.length, base = piece.byteOffset, end = base + piece.length, far = Math.max(rare1, rare2), limit = end - far - 15, byte1 = needle[rare1], byte2 = needle[rare2], fold1 = blind && byte1 >= 97 && byte1 <= 122 ? 32 : 0, fold2 = blind && byte2 >= 97 && byte2 <= 122 ? 32 : 0, search = fold1 || fold2 ? find : findPlain, start2 = base + from, misses = 0;
  for (; start2 < limit; ) {
    let at = search(start2, limit, rare1, rare2, byte1, byte2, fold1, fold2);
    if (at < 0) {
      start2 += Math.ceil((limit - start2) / 16) * 16;
      break;
    }
    let offset = at - base;
    if (offset + length > piece.length) return -1;
    if (blind ? sameFolded(piece, offset, needle) : sameBytes(piece, offset, needle)) return offset;
    if (++misses > MISSES && misses > offset - from >> 10) return blind ? indexOfFolded(piece, needle, offset + 1) : piece.indexOf(needle, offset + 1);
    start2 = at + 1;
  }
  return blind ? indexOfFolded(piece, needle, start2 - base) : piece.indexOf(needle, start2 - base);
}
function findEitherInArena(piece, from, pairs2, check, rest) {
  if (!findAny || piece.buffer !== memory) return;
  let base = piece.byteOffset, end = base + piece.length, far = Math.max(pairs2[0].rare1, pairs2[0].rare2, pairs2[1].rare1, pairs2[1].rare2), limit = end - far - 15, args = [];
  for (let { needle, rare1, rare2, blind } of pairs2) {
    let byte1 = needle[rare1], byte2 = needle[rare2];
    args.push(rare1, rare2, byte1, byte2, blind && byte1 >= 97 && byte1 <= 122 ? 32 : 0, blind && byte2 >= 97 && byte2 <= 122 ? 32 : 0);
  }
  let search = args.some((value, i) => i % 6 >= 4 && value !== 0) ? findAny : findAnyPlain, start2 = base + from, misses = 0;
  for (; start2 < limit; ) {
    let at = search(start2, limit, ...args);
    if (at < 0) {
      start2 += Math.ceil((limit - start2) / 16) * 16;
      break;
    }
    let offset = at - base;
    if (check(offset)) return offset;
    if (++misses > MISSES && misses > offset - from >> 10) return rest(offset + 1);
    start2 = at + 1;
  }
  return rest(start2 - base);
}

// src/read/chunks.ts
var CHUNK2 = 1 << 20, MAX_LINE = 64 << 20, spare = [];
function borrow(size2 = CHUNK2) {
  let kept = spare.findIndex((buffer) => buffer.length >= size2 && inArena(buffer));
  if (kept >= 0) return spare.splice(kept, 1)[0];
  let fresh = arenaBuffer(Math.max(size2, CHUNK2));
  if (fresh) return fresh;
  let index = spare.findIndex((buffer) => buffer.length >= size2);
  return index >= 0 ? spare.splice(index, 1)[0] : Buffer.allocUnsafeSlow(Math.max(size2, CHUNK2));
}
function release2(buffer) {
  (inArena(buffer) || spare.length < 4 && buffer.length <= CHUNK2) && spare.push(buffer);
}
function forEachPiece(fd, visit, from = 0, to, cut2) {
  let size2 = to ?? import_node_fs27.default.fstatSync(fd).size, start2 = borrow(), buffer = start2;
  try {
    return readPieces(fd, visit, from, size2, (other) => {
      buffer = other;
    }, start2, cut2);
  } finally {
    release2(buffer), buffer !== start2 && release2(start2);
  }
}
function readPieces(fd, visit, from, size2, grown, start2, cut2) {
  let buffer = start2, held2 = 0, position = from, offset = from;
  for (; position < size2; ) {
    if (held2 === buffer.length)
      if (buffer.length <= MAX_LINE) {
        let bigger = Buffer.allocUnsafeSlow(Math.min(buffer.length * 2, MAX_LINE + 1));
        buffer.copy(bigger, 0, 0, held2), buffer = bigger, grown(bigger);
      } else {
        let past = pastNewline(fd, offset + MAX_LINE, size2, start2), torn = !endsInNewline(fd, past, start2);
        if (buffer[MAX_LINE] = 10, cut2?.(offset, torn), visit(buffer, MAX_LINE + 1, offset, !1) === !1) return offset + MAX_LINE;
        position = past, offset = position, held2 = 0, buffer = start2, grown(start2);
        continue;
      }
    let read2 = import_node_fs27.default.readSync(fd, buffer, held2, Math.min(buffer.length - held2, size2 - position), position);
    if (read2 === 0) break;
    position += read2;
    let filled = held2 + read2, last = position >= size2, end = last ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
    if (end === 0) {
      held2 = filled;
      continue;
    }
    if (visit(buffer, end, offset, last) === !1) return offset + end;
    held2 = filled - end, offset += end, buffer !== start2 && held2 < start2.length ? (buffer.copy(start2, 0, end, filled), buffer = start2, grown(start2)) : buffer.copy(buffer, 0, end, filled);
  }
  return held2 > 0 && visit(buffer, held2, offset, !0) === !1 ? offset + held2 : position;
}
function endsInNewline(fd, size2, buffer) {
  return size2 > 0 && import_node_fs27.default.readSync(fd, buffer, 0, 1, size2 - 1) === 1 && buffer[0] === 10;
}
function pastNewline(fd, from, size2 = import_node_fs27.default.fstatSync(fd).size, buffer) {
  let through = buffer ?? borrow();
  try {
    for (let position = from; position < size2; ) {
      let read2 = import_node_fs27.default.readSync(fd, through, 0, Math.min(through.length, size2 - position), position);
      if (read2 === 0) return position;
      let newline = through.subarray(0, read2).indexOf(10);
      if (newline >= 0) return position + newline + 1;
      position += read2;
    }
    return size2;
  } finally {
    buffer || release2(through);
  }
}
function openLog(file) {
  let fd;
  try {
    fd = openLogFile(file);
  } catch (error) {
    if (error.code === "ENOENT")
      return !file.endsWith(".gz") && import_node_fs27.default.existsSync(`${file}.gz`) ? openLog(`${file}.gz`) : void 0;
    throw error;
  }
  if (!file.endsWith(".gz")) return fd;
  try {
    return gunzippedText(file, fd);
  } finally {
    import_node_fs27.default.closeSync(fd);
  }
}
function endLines(fd, size2 = import_node_fs27.default.fstatSync(fd).size) {
  let head = borrow();
  try {
    return ends(fd, size2, head);
  } finally {
    release2(head);
  }
}
function ends(fd, size2, head) {
  let headRead = import_node_fs27.default.readSync(fd, head, 0, Math.min(size2, 65536), 0), firstEnd = head.subarray(0, headRead).indexOf(10), first;
  firstEnd >= 0 ? first = head.toString("utf8", 0, firstEnd) : size2 > headRead && forEachPiece(fd, (buffer, end) => (firstEnd = buffer.subarray(0, end).indexOf(10), firstEnd >= 0 && (first = buffer.toString("utf8", 0, firstEnd)), !1));
  let last, window = 64 * 1024;
  for (; ; ) {
    let start2 = Math.max(0, size2 - window), tail = size2 - start2 <= head.length ? head : Buffer.allocUnsafe(size2 - start2), tailRead = import_node_fs27.default.readSync(fd, tail, 0, size2 - start2, start2), end = tail.subarray(0, tailRead).lastIndexOf(10);
    if (end < 0) {
      if (start2 === 0) break;
      window *= 4;
      continue;
    }
    let begin = end === 0 ? -1 : tail.subarray(0, end).lastIndexOf(10);
    if (begin < 0 && start2 > 0) {
      window *= 4;
      continue;
    }
    last = tail.toString("utf8", begin + 1, end);
    break;
  }
  return { first, last };
}

// src/read/line.ts
var DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year, month) {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS[month - 1];
}
function digits(text2, at, length) {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    let digit = text2.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
function isoMs(time) {
  if (time.length !== 29 || time[4] !== "-" || time[7] !== "-" || time[10] !== "T" || time[13] !== ":" || time[16] !== ":" || time[19] !== "." || time[26] !== ":") return;
  let sign = time[23] === "+" ? 1 : time[23] === "-" ? -1 : 0, year = digits(time, 0, 4), month = digits(time, 5, 2), day = digits(time, 8, 2), hour = digits(time, 11, 2), minute = digits(time, 14, 2), second = digits(time, 17, 2), ms = digits(time, 20, 3), offsetHour = digits(time, 24, 2), offsetMinute = digits(time, 27, 2);
  if (!(sign === 0 || year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || ms < 0 || offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59))
    return Date.UTC(year, month - 1, day, hour, minute, second, ms) - sign * (offsetHour * 60 + offsetMinute) * 6e4;
}
var LineReader = class {
  constructor(timeFormat = DEFAULT_TIME_FORMAT) {
    this.timeFormat = timeFormat;
    this.words = timeWords(timeFormat), this.iso = timeFormat === DEFAULT_TIME_FORMAT;
  }
  timeFormat;
  words;
  /** Written in the default format: its stamps read by isoMs first (and checked from the bytes: fast-line.ts isoStampAt). */
  iso;
  lastTime = "";
  lastMs = Number.NaN;
  /** The stamp's time in epoch ms (NaN when it does not parse with the format). */
  ms(time) {
    if (time === this.lastTime) return this.lastMs;
    let fast = this.iso ? isoMs(time) : void 0;
    return this.lastTime = time, this.lastMs = fast ?? parse(time, this.timeFormat, /* @__PURE__ */ new Date(0)).getTime(), this.lastMs;
  }
  /**
   * What `parseLine(line, timeFormat)` gives, with `raw`: the text after the
   * mark as written (an event's too). Not `timed`: ms is left NaN (reading the
   * time is most of the cost, and a search that only prints needs it only for
   * --since and --until).
   */
  read(line3, timed = !0) {
    if (line3.charCodeAt(0) === 123) return readJsonLine(line3, timed);
    let parts = splitLine(line3, this.words);
    if (parts)
      return parts.ms = timed ? this.ms(parts.time) : Number.NaN, parts;
  }
};
function jsonMs(time) {
  return isoMs(time) ?? Date.parse(time);
}
function readJsonLine(line3, timed = !0) {
  let record = parseJsonLine(line3, timed ? jsonMs : () => Number.NaN);
  return record && { ...asTextParts(record), ms: record.time };
}
function placeOf(line3) {
  return `${line3.session}:${line3.window}.${line3.pane}`;
}
function candidateFormats(timeFormat) {
  return timeFormat === DEFAULT_TIME_FORMAT ? [timeFormat] : [timeFormat, DEFAULT_TIME_FORMAT];
}
function readerFor(first, timeFormat) {
  let formats = candidateFormats(timeFormat);
  for (let format2 of formats) {
    let reader = new LineReader(format2), parsed = first === void 0 ? void 0 : reader.read(first);
    if (parsed && Number.isFinite(parsed.ms)) return reader;
  }
  return new LineReader(formats[0]);
}

// src/read/needle.ts
var SAMPLE = 8192, MISSES_PER_KIB = 1, LONG = 7, RARE = 4;
function sampleBytes(piece) {
  let counts = new Uint32Array(256), end = Math.min(piece.length, SAMPLE);
  for (let i = 0; i < end; i++) counts[piece[i]]++;
  return counts;
}
var isLower2 = (byte) => byte >= 97 && byte <= 122;
function seenOf(seen, byte, blind) {
  return blind && isLower2(byte) ? seen[byte] + seen[byte - 32] : seen[byte];
}
function rarestPair(needle, seen, blind) {
  let rare = 0;
  for (let i = 1; i < needle.length; i++) seenOf(seen, needle[i], blind) < seenOf(seen, needle[rare], blind) && (rare = i);
  let second = rare === 0 ? 1 : 0;
  for (let i = 0; i < needle.length; i++) i !== rare && seenOf(seen, needle[i], blind) < seenOf(seen, needle[second], blind) && (second = i);
  return { rare1: rare, rare2: second };
}
var pairs = /* @__PURE__ */ new WeakMap();
function pairOf(needle, seen, blind) {
  let known2 = pairs.get(seen);
  known2 || pairs.set(seen, known2 = /* @__PURE__ */ new Map());
  let pair = known2.get(needle);
  return pair || known2.set(needle, pair = rarestPair(needle, seen, blind)), pair;
}
function findNeedle(piece, needle, from, counts) {
  let length = needle.length, blind = CASE_BLIND.has(needle);
  if (length < 2 && !blind) return piece.indexOf(needle, from);
  let seen = counts(), { rare1: rare, rare2: second } = pairOf(needle, seen, blind);
  if (length >= 2 && (blind || length >= LONG || seen[needle[rare]] > RARE)) {
    let found = findInArena(piece, needle, from, rare, second, blind);
    if (found !== void 0) return found;
  }
  if (blind) return indexOfFolded(piece, needle, from);
  if (length >= LONG) return piece.indexOf(needle, from);
  let byte = needle[rare], misses = 0;
  for (let at = piece.indexOf(byte, from + rare); at >= 0; at = piece.indexOf(byte, at + 1)) {
    let start2 = at - rare;
    if (start2 + length > piece.length) return -1;
    if (sameBytes(piece, start2, needle)) return start2;
    if (++misses > 32 && misses > (at - from >> 10) * MISSES_PER_KIB) return piece.indexOf(needle, start2 + 1);
  }
  return -1;
}
function findEither(piece, first, second, from, counts) {
  let seen = counts(), pair = (needle) => ({ needle, blind: CASE_BLIND.has(needle), ...pairOf(needle, seen, CASE_BLIND.has(needle)) }), pairs2 = [pair(first), pair(second)];
  return findEitherInArena(piece, from, pairs2, (at) => pairs2.some(({ needle, blind }) => at + needle.length <= piece.length && (blind ? sameFolded(piece, at, needle) : sameBytes(piece, at, needle))), (at) => {
    let one = findNeedle(piece, first, at, counts), other = findNeedle(piece, second, at, counts);
    return one < 0 ? other : other < 0 ? one : Math.min(one, other);
  });
}
var pairable = (needle) => needle.length >= 2;
function joinNeedles(text2, json) {
  let both = [...text2];
  for (let needle of json) both.some((have) => have.equals(needle) && CASE_BLIND.has(have) === CASE_BLIND.has(needle)) || both.push(needle);
  return both;
}

// src/read/scan.ts
var buffers = __nodeBuiltin(require("node:buffer")), import_node_fs28 = __nodeBuiltin(require("node:fs"));
var isAscii2 = buffers.isAscii ?? (() => !1);
function holdsJson(piece) {
  for (let at = piece.indexOf(123); at >= 0; at = piece.indexOf(123, at + 1))
    if (at === 0 || piece[at - 1] === 10) return !0;
  return !1;
}
var line2 = { start: 0, end: 0, before: 0 };
function countNewlines(bytes, from, to) {
  if (lineInArena(bytes, from, to, to, line2)) return line2.before;
  let count = 0;
  for (let at = bytes.indexOf(10, from); at >= 0 && at < to; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}
function lineOf(piece, at, target, end) {
  if (lineInArena(piece, at, target, end, line2)) return line2;
  line2.start = target === at ? at : piece.lastIndexOf(10, target - 1) + 1, line2.before = countNewlines(piece, at, line2.start);
  let newline = piece.indexOf(10, target);
  return line2.end = newline < 0 ? end : newline, line2;
}
function countFileNewlines(fd, from, to, read2) {
  let buffer = borrow();
  try {
    let count = 0;
    for (let position = from; position < to; ) {
      let got = import_node_fs28.default.readSync(fd, buffer, 0, Math.min(buffer.length, to - position), position);
      if (read2?.(), got === 0) break;
      count += countNewlines(buffer, 0, got), position += got;
    }
    return count;
  } finally {
    release2(buffer);
  }
}
var unions = /* @__PURE__ */ new WeakMap();
function bothLists(visitor) {
  let text2 = visitor.candidates(), json = visitor.jsonCandidates?.();
  if (!Array.isArray(text2) || json === void 0) return;
  let cached = unions.get(visitor);
  if (cached && cached.text === text2 && cached.json === json) return cached.both;
  let both = joinNeedles(text2, json);
  return unions.set(visitor, { text: text2, json, both }), both;
}
function scanFile(fd, visitor) {
  let knownOffset = 0, knownNumber = 1, stopped = !1, counts, cutAt = -1, numbered2 = visitor.numbered !== !1;
  return forEachPiece(fd, (buffer, end, offset) => {
    visitor.read?.();
    let piece = buffer.subarray(0, end), view, ascii, needles, foundAt = [], paired = [], countsOf = () => counts ??= sampleBytes(piece), at = -1, number2 = numbered2 ? knownNumber : 0, position = 0, json = holdsJson(piece);
    for (; position < end; ) {
      let candidates = json ? bothLists(visitor) : visitor.candidates(), target = position, found = -1;
      if (candidates instanceof RegExp) {
        view ??= buffer.toString("latin1", 0, end), candidates.lastIndex = position;
        let match2 = candidates.exec(view);
        if (match2 === null || match2.index >= end) break;
        target = match2.index;
      } else if (candidates) {
        candidates !== needles && (needles = candidates, foundAt = candidates.map(() => -1), paired = json ? candidates.flatMap((needle, i) => pairable(needle) ? [i] : []).slice(0, 2) : []);
        for (let i = 0; i < candidates.length; i++) {
          if (foundAt[i] < position && foundAt[i] !== -2) {
            let j = paired.length === 2 && i === paired[0] ? paired[1] : -1, either = j >= 0 && foundAt[j] < position && foundAt[j] !== -2 ? findEither(piece, candidates[i], candidates[j], position, countsOf) : void 0;
            either !== void 0 ? foundAt[i] = foundAt[j] = either < 0 ? -2 : either : foundAt[i] = findNeedle(piece, candidates[i], position, countsOf);
          }
          foundAt[i] === -1 && (foundAt[i] = -2), foundAt[i] >= 0 && (found < 0 || foundAt[i] < found) && (found = foundAt[i]);
        }
        if (found < 0) break;
        target = found;
      }
      if (visitor.passOver) {
        let { start: start3, end: lineEnd4 } = lineOf(piece, position, target, end);
        if (visitor.passOver(piece, start3, lineEnd4)) {
          position = lineEnd4 + 1;
          continue;
        }
      }
      numbered2 && at < 0 && (number2 = knownNumber + countFileNewlines(fd, knownOffset, offset, visitor.read), at = 0);
      let { start: start2, end: lineEnd3, before: before2 } = lineOf(piece, numbered2 ? at : position, target, end);
      numbered2 && (number2 += before2, at = start2);
      let verdict = visitor.bytes?.(piece, start2, lineEnd3, number2, found);
      if (verdict !== void 0) {
        if (!verdict)
          return stopped = !0, !1;
        position = lineEnd3 + 1;
        continue;
      }
      let text2;
      if (candidates === void 0 || candidates instanceof RegExp ? (ascii ??= isAscii2(piece), view ??= ascii ? buffer.toString("latin1", 0, end) : void 0, text2 = ascii ? view.slice(start2, lineEnd3) : buffer.toString("utf8", start2, lineEnd3)) : text2 = buffer.toString("utf8", start2, lineEnd3), visitor.line(text2, number2, offset + start2) === !1)
        return stopped = !0, !1;
      position = lineEnd3 + 1;
    }
    if (at >= 0) {
      let given = cutAt === offset ? 1 : 0;
      knownNumber = number2 + countNewlines(piece, at, end - given), knownOffset = offset + end - given;
    }
    return !0;
  }, 0, void 0, (offset) => {
    cutAt = offset;
  }), stopped;
}

// src/read/json-shortlist.ts
var JSON_EVENT_WORD = Buffer.from('"event"'), JSON_EVENT_LINES = [JSON_EVENT_WORD, Buffer.from("\\u006"), Buffer.from("\\u007")], JSON_TEXT_CHANGERS = [Buffer.from("\\"), Buffer.from([127]), Buffer.from([194]), Buffer.from([226])], NUMBER_CHARACTERS = /^[0-9.e+\-Infity]*$/i;
function withinOneEventWord(literal2) {
  return !/[ ="]/.test(literal2) && !NUMBER_CHARACTERS.test(literal2);
}
function jsonShortlist(literal2, events) {
  let text2 = typeof literal2 == "string" ? literal2 : literal2.toString("latin1");
  if (text2.length === 0 || text2.includes("\uFFFD") || !jsonSafeLiteral(text2)) return;
  let needles = [typeof literal2 == "string" ? Buffer.from(literal2, "utf8") : literal2, ...JSON_TEXT_CHANGERS];
  return (events || !withinOneEventWord(text2)) && needles.push(JSON_EVENT_WORD), needles;
}
var BACKSLASH = 92, DEL2 = 127;
function jsonLineCannotHold(piece, start2, end, literal2, events) {
  if (piece[start2] !== 123) return !1;
  let line3 = piece.subarray(start2, end);
  if ((isCaseBlind(literal2) ? indexOfFolded(line3, literal2, 0) : line3.indexOf(literal2)) >= 0 || line3.indexOf(BACKSLASH) >= 0 || line3.indexOf(DEL2) >= 0 || line3.indexOf(194) >= 0) return !1;
  for (let at = line3.indexOf(226); at >= 0; at = line3.indexOf(226, at + 1)) {
    let next = line3[at + 1];
    if (next === void 0 || next === 128 || next === 129) return !1;
  }
  return !(events && line3.indexOf(JSON_EVENT_WORD) >= 0);
}
var EVERY_JSON_LINE = [Buffer.from("{")];
function jsonValueNeedles(value) {
  return value.includes("\uFFFD") ? EVERY_JSON_LINE : [Buffer.from(JSON.stringify(value)), ...JSON_TEXT_CHANGERS];
}

// src/read/summary-cache.ts
var import_node_fs29 = __nodeBuiltin(require("node:fs")), import_node_path23 = __nodeBuiltin(require("node:path"));
var VERSION2 = 2, CACHE_NAME = "ls-summaries.cache";
function rotatedOf(name, live) {
  return name.startsWith(`${live}.`) && /^\d{8}T\d{6}\.\d{3}Z(?:-\d+)?(?:\.gz)?$/.test(name.slice(live.length + 1));
}
function identity(stat, timeFormat) {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${timeFormat}`;
}
function isLineEnd(value) {
  if (value === void 0) return !0;
  let end = value;
  return typeof end == "object" && end !== null && typeof end.time == "string" && typeof end.user == "string" && (end.ms === null || typeof end.ms == "number");
}
function isEntry(value) {
  let entry = value;
  if (typeof entry != "object" || entry === null || typeof entry.key != "string") return !1;
  let scanned = entry.scanned;
  if (typeof scanned != "object" || scanned === null || !Array.isArray(scanned.starts)) return !1;
  let summary = scanned.summary;
  return typeof summary != "object" || summary === null || typeof summary.bytes != "number" || typeof summary.lines != "number" || !(summary.first === null || typeof summary.first == "string") || !(summary.last === null || typeof summary.last == "string") || !scanned.starts.every((start2) => typeof start2 == "object" && start2 !== null && typeof start2.rec == "string" && typeof start2.user == "string" && typeof start2.by == "string") ? !1 : isLineEnd(scanned.firstLine) && isLineEnd(scanned.lastLine);
}
var SummaryCache = class _SummaryCache {
  constructor(dir, usable) {
    this.dir = dir;
    this.usable = usable;
  }
  dir;
  usable;
  entries = /* @__PURE__ */ new Map();
  changed = !1;
  static opened = /* @__PURE__ */ new Map();
  /**
   * The cache of `dir` for this process: `ls` summarizes each log in turn, and
   * reading the whole cache again for each of a hundred sessions would cost
   * more than it saves. Entries are checked against the files at each look-up.
   */
  static of(dir) {
    let key2 = import_node_path23.default.resolve(dir), cache = _SummaryCache.opened.get(key2);
    return cache || _SummaryCache.opened.set(key2, cache = _SummaryCache.open(dir)), cache;
  }
  /** The cache of log directory `dir` (empty, and never written, unless `dir` and its `.run` are ours alone). */
  static open(dir) {
    try {
      checkPrivateDir(dir);
    } catch {
      return new _SummaryCache(dir, !1);
    }
    let cache = new _SummaryCache(dir, !0), file = cache.file(), text2;
    try {
      checkPrivateDir(import_node_path23.default.dirname(file)), text2 = readPrivateFile(file);
    } catch (error) {
      return error.code !== "ENOENT" && (cache.changed = !0), cache;
    }
    try {
      let kept = JSON.parse(text2);
      if (kept.version !== VERSION2 || !Array.isArray(kept.files)) throw new Error("not this version");
      for (let entry of kept.files) {
        let name = entry?.name;
        typeof name == "string" && isEntry(entry) && cache.entries.set(name, { key: entry.key, scanned: entry.scanned });
      }
    } catch {
      cache.entries.clear(), cache.changed = !0;
    }
    return cache;
  }
  file() {
    return import_node_path23.default.join(this.dir, ".run", CACHE_NAME);
  }
  /**
   * The summary of rotated file `file` (directly in the log directory):
   * kept, or from `scan` (and then kept if the file did not change while it
   * was read). undefined when the file is gone.
   */
  summarize(file, timeFormat, scan) {
    if (!this.usable || import_node_path23.default.dirname(import_node_path23.default.resolve(file)) !== import_node_path23.default.resolve(this.dir)) return scan();
    let name = import_node_path23.default.basename(file), before2 = import_node_fs29.default.statSync(file, { bigint: !0, throwIfNoEntry: !1 });
    if (!before2?.isFile()) return scan();
    let key2 = identity(before2, timeFormat), entry = this.entries.get(name);
    if (entry?.key === key2)
      return entry.used = !0, { ...entry.scanned, summary: { path: file, ...entry.scanned.summary } };
    let scanned = scan(), after = import_node_fs29.default.statSync(file, { bigint: !0, throwIfNoEntry: !1 });
    if (scanned && after && identity(after, timeFormat) === key2) {
      let { path: _path, ...summary } = scanned.summary;
      this.entries.set(name, { key: key2, scanned: { ...scanned, summary }, used: !0 }), this.changed = !0;
    }
    return scanned;
  }
  /**
   * Writes the cache back when something was added or dropped. `live`: the
   * log whose files were all just looked up (its live file's name): its
   * entries not looked up are of files gone, and dropped; without it, every
   * entry whose file is gone is. A failure (no write access, a full disk) only
   * means the next `ls` scans again.
   */
  save(live) {
    if (!this.usable) return;
    for (let [name, entry] of this.entries)
      (live === void 0 ? !entry.used && !import_node_fs29.default.existsSync(import_node_path23.default.join(this.dir, name)) : !entry.used && rotatedOf(name, live)) && (this.entries.delete(name), this.changed = !0);
    if (!this.changed) return;
    let files = [...this.entries].map(([name, { key: key2, scanned }]) => ({ name, key: key2, scanned }));
    try {
      writePrivateFile(this.file(), `${JSON.stringify({ version: VERSION2, files })}
`), this.changed = !1;
    } catch {
    }
  }
};

// src/read/summary.ts
var START = Buffer.from(" * start rec="), STAR = 42;
function findStart(piece, from) {
  let stars = 0;
  for (let at = piece.indexOf(STAR, from + 1); at >= 0; at = piece.indexOf(STAR, at + 1)) {
    if (at - 1 + START.length > piece.length) return -1;
    if (piece.compare(START, 0, START.length, at - 1, at - 1 + START.length) === 0) return at - 1;
    if (++stars > 64) return piece.indexOf(START, at);
  }
  return -1;
}
function firstOf(piece, one, other, from, counts) {
  let either = findEither(piece, one, other, from, counts);
  if (either !== void 0) return either;
  let a = findNeedle(piece, one, from, counts), b = findNeedle(piece, other, from, counts);
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}
function summarizeFile(file, timeFormat) {
  let fd = openLog(file);
  if (fd !== void 0)
    try {
      let size2 = import_node_fs30.default.fstatSync(fd).size, ends2 = endLines(fd, size2), reader = readerFor(ends2.first, timeFormat), firstLine = ends2.first === void 0 ? void 0 : reader.read(ends2.first), lastLine = ends2.last === void 0 ? void 0 : reader.read(ends2.last), lines = 0, starts = [], counts;
      return forEachPiece(
        fd,
        (buffer, end, _offset, last) => {
          let piece = buffer.subarray(0, end);
          for (let at = piece.indexOf(10); at >= 0; at = piece.indexOf(10, at + 1)) lines++;
          last && end > 0 && piece[end - 1] !== 10 && lines++;
          let startAt = (at) => {
            let lineStart = piece.lastIndexOf(10, at) + 1, lineEnd3 = piece.indexOf(10, at);
            lineEnd3 < 0 && (lineEnd3 = end);
            let parsed = reader.read(piece.toString("utf8", lineStart, lineEnd3));
            return parsed?.kind === "event" && parsed.text === "start" && parsed.fields?.rec && starts.push({ rec: parsed.fields.rec, user: parsed.user, by: parsed.fields.by ?? "" }), lineEnd3;
          };
          if (holdsJson(piece)) {
            let found = [];
            for (let at = findStart(piece, 0); at >= 0; at = findStart(piece, at + START.length)) found.push(at);
            let countsOf = () => counts ??= sampleBytes(piece), [word, other, last2] = JSON_EVENT_LINES;
            for (let at = firstOf(piece, word, other, 0, countsOf); at >= 0; at = firstOf(piece, word, other, at + 1, countsOf)) found.push(at);
            for (let at = findNeedle(piece, last2, 0, countsOf); at >= 0; at = findNeedle(piece, last2, at + last2.length, countsOf)) found.push(at);
            let after = -1;
            for (let at of found.sort((a, b) => a - b)) at > after && (after = startAt(at));
          } else for (let at = findStart(piece, 0); at >= 0; at = findStart(piece, at + START.length)) startAt(at);
        },
        0,
        size2
      ), { summary: { path: file, bytes: size2, lines, first: firstLine?.time ?? null, last: lastLine?.time ?? null }, starts, firstLine, lastLine };
    } finally {
      import_node_fs30.default.closeSync(fd);
    }
}
function lineEnd(line3) {
  return line3 && { time: line3.time, ms: Number.isFinite(line3.ms) ? line3.ms : null, user: line3.user };
}
function scanFile2(file, timeFormat) {
  let scanned = summarizeFile(file, timeFormat);
  return scanned && { summary: scanned.summary, starts: scanned.starts, firstLine: lineEnd(scanned.firstLine), lastLine: lineEnd(scanned.lastLine) };
}
function summarizeLog(set, timeFormat, cache) {
  let own = cache === void 0, kept = cache ?? SummaryCache.of(set.dir), files = [], recordingIds = /* @__PURE__ */ new Set(), users = /* @__PURE__ */ new Set(), first, last;
  for (let file of set.files) {
    let scanned = file.rotatedAt === void 0 ? scanFile2(file.path, timeFormat) : kept.summarize(file.path, timeFormat, () => scanFile2(file.path, timeFormat));
    if (scanned) {
      files.push(scanned.summary);
      for (let start2 of scanned.starts)
        recordingIds.add(start2.rec), users.add(start2.user), start2.by && users.add(start2.by);
      for (let line3 of [scanned.firstLine, scanned.lastLine]) line3 && users.add(line3.user);
      first ??= scanned.firstLine, scanned.lastLine && (last = scanned.lastLine);
    }
  }
  own && kept.save(set.live);
  let casts = castSizes(set.casts ?? []), finite = (ms) => ms != null && Number.isFinite(ms) ? ms : null;
  return {
    session: set.session,
    server: set.server,
    live: import_node_path24.default.join(set.dir, set.live),
    files,
    first: first?.time ?? null,
    last: last?.time ?? null,
    firstMs: finite(first?.ms),
    lastMs: finite(last?.ms),
    lines: files.reduce((sum, file) => sum + file.lines, 0),
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    recordings: recordingIds.size,
    recordingIds: [...recordingIds],
    users: [...users].sort(),
    casts,
    castBytes: casts.reduce((sum, cast) => sum + cast.bytes, 0)
  };
}
function castSizes(paths) {
  let casts = [];
  for (let cast of paths) {
    let stat = import_node_fs30.default.lstatSync(cast, { throwIfNoEntry: !1 });
    stat?.isFile() && casts.push({ path: cast, bytes: stat.size });
  }
  return casts;
}

// src/read/files.ts
var import_node_fs31 = __nodeBuiltin(require("node:fs")), import_node_path25 = __nodeBuiltin(require("node:path"));
var ROTATED2 = /^(.+\.log)\.(\d{8}T\d{6}\.\d{3}Z)(?:-\d+)?(?:\.gz)?$/, CAST = /^(.+)\.[A-Za-z0-9_-]{10}\.cast(?:\.\d{8}T\d{6}\.\d{3}Z(?:-\d+)?(?:\.gz)?)?$/;
function percentDecode(stem) {
  if (stem === "%") return "";
  let bytes = [];
  for (let i = 0; i < stem.length; i++) {
    let hex = stem[i] === "%" ? stem.slice(i + 1, i + 3) : "";
    /^[0-9A-F]{2}$/i.test(hex) ? (bytes.push(parseInt(hex, 16)), i += 2) : bytes.push(...Buffer.from(stem[i], "utf8"));
  }
  return escapeText(Buffer.from(bytes).toString("utf8"));
}
function parseLogName(name) {
  if (!name.endsWith(".log") || name.startsWith(".")) return;
  let base = name.slice(0, -4), at = base.indexOf("@"), stem = at < 0 ? base : base.slice(0, at), socket = at < 0 ? "" : base.slice(at + 1);
  if (!(stem === "" || at >= 0 && socket === ""))
    return { stem, session: percentDecode(stem), server: socket === "" ? "default" : percentDecode(socket), serverStem: socket };
}
function rotationTime(stamp) {
  let m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{3})Z$/.exec(stamp);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
}
function logSets(dir, names) {
  let lives = /* @__PURE__ */ new Set(), rotatedOf2 = /* @__PURE__ */ new Map(), castsOf = /* @__PURE__ */ new Map(), file = (groups, live, name) => {
    let group = groups.get(live);
    group ? group.push(name) : groups.set(live, [name]);
  };
  for (let name of names) {
    parseLogName(name) && lives.add(name);
    let rotated = ROTATED2.exec(name);
    rotated && parseLogName(rotated[1]) && (lives.add(rotated[1]), file(rotatedOf2, rotated[1], name));
    let cast = CAST.exec(name);
    cast && file(castsOf, `${cast[1]}.log`, name);
  }
  let present = new Set(names), sets = [];
  for (let live of lives) {
    let { stem, session, server, serverStem } = parseLogName(live), files = rotatedFiles(rotatedOf2.get(live) ?? [], live).map((name) => ({ path: import_node_path25.default.join(dir, name), rotatedAt: rotationTime(ROTATED2.exec(name)[2]) }));
    present.has(live) && files.push({ path: import_node_path25.default.join(dir, live) });
    let casts = castFilesOfLog(castsOf.get(live) ?? [], live).map((name) => import_node_path25.default.join(dir, name));
    sets.push({ dir, live, stem, session, server, serverStem, files, casts });
  }
  return sets.sort((a, b) => a.session < b.session ? -1 : a.session > b.session ? 1 : a.server < b.server ? -1 : a.server > b.server ? 1 : 0);
}
function listLogs(dir) {
  return logSets(dir, dirNames(dir));
}
function dirNames(dir) {
  try {
    return import_node_fs31.default.readdirSync(dir);
  } catch (error) {
    let code = error.code;
    throw new AuditError(code === "ENOENT" ? `no log directory ${dir} (nothing logged yet, or another --dir)` : `cannot read the log directory ${dir}: ${code ?? error.message}`, 2);
  }
}
function sessionMatches(set, session) {
  let at = session.lastIndexOf("@"), candidates = [{ name: session }];
  return at > 0 && candidates.push({ name: session.slice(0, at), server: session.slice(at + 1) }), candidates.some(({ name, server }) => server !== void 0 && server !== set.server && sessionStem(server, MAX_SOCKET_STEM) !== set.serverStem ? !1 : name === set.session || sessionStem(name) === set.stem || name === set.stem);
}
function selectSessions(sets, session, dir) {
  if (session === void 0) return [...sets];
  let chosen = sets.filter((set) => sessionMatches(set, session));
  if (chosen.length === 0) {
    let known2 = sets.map((set) => set.server === "default" ? set.session : `${set.session}@${set.server}`);
    throw new AuditError(`no log of session '${escapeText(session)}' in ${dir}${known2.length > 0 ? ` (there are: ${known2.join(", ")})` : ""}`, 2);
  }
  return chosen;
}
function setName(set) {
  return set.server === "default" ? set.session : `${set.session}@${set.server}`;
}

// src/read/where.ts
var import_node_path26 = __nodeBuiltin(require("node:path"));
function expand(dir, env) {
  let raw = { ...Object.fromEntries(START_OPTIONS.map((key2) => [key2, ""])), dir };
  return resolveOptions(raw, env).options.dir;
}
function locate(given, env, server) {
  let answer = null, ask = () => answer === null ? answer = server() : answer;
  if (given.timeFormat !== void 0) {
    let problem = timeFormatProblem(given.timeFormat);
    if (problem) throw new AuditError(`--time-format '${given.timeFormat}' is not a date-fns format (${problem})`, 2);
  }
  let timeFormat = () => given.timeFormat ?? (ask()?.timeFormat || DEFAULT_TIME_FORMAT);
  if (given.dir !== void 0 && given.dir !== "") return { dir: absolute(given.dir, env, "--dir"), timeFormat: timeFormat(), from: "option" };
  if (env.TMUX_AUDIT_DIR) return { dir: absolute(env.TMUX_AUDIT_DIR, env, "$TMUX_AUDIT_DIR"), timeFormat: timeFormat(), from: "environment" };
  let fromServer = ask();
  return fromServer?.dir ? { dir: expand(fromServer.dir, env), timeFormat: timeFormat(), from: "tmux" } : { dir: expand("", env), timeFormat: timeFormat(), from: "default" };
}
function absolute(dir, env, what) {
  let expanded = dir.replace(/^~(?=$|\/)/, env.HOME ?? "~");
  if (expanded.startsWith("~")) throw new AuditError(`${what}: cannot expand '${dir}'`, 2);
  return import_node_path26.default.resolve(expanded);
}
function serverAnswer(output) {
  let [dir = "", timeFormat = ""] = output.split(`
`);
  return { dir, timeFormat: timeFormatProblem(timeFormat) === void 0 ? timeFormat : "" };
}

// src/tmux/default-socket.ts
var import_node_fs32 = __nodeBuiltin(require("node:fs")), import_node_path27 = __nodeBuiltin(require("node:path"));
function defaultSockets(env, uid) {
  let given = env.TMUX;
  return given !== void 0 && given !== "" && !given.startsWith(",") ? void 0 : [env.TMUX_TMPDIR, "/tmp"].filter((dir) => dir !== void 0 && dir !== "").map((dir) => import_node_path27.default.join(dir, `tmux-${uid}`, "default"));
}
function noServerCanAnswer(env, uid, exists = lexists) {
  let sockets = defaultSockets(env, uid);
  return sockets !== void 0 && !sockets.some(exists);
}
function lexists(file) {
  try {
    return import_node_fs32.default.lstatSync(file), !0;
  } catch (error) {
    return error.code !== "ENOENT";
  }
}

// src/commands/output.ts
var import_node_fs33 = __nodeBuiltin(require("node:fs"));

// src/read/fast-line.ts
var COLON = 58, DOT = 46, SPACE2 = 32, STAR2 = 42;
function isTextMark(byte) {
  return byte === 124 || byte === 43 || byte === 126 || byte === 61 || byte === 60;
}
function isDigit(byte) {
  return byte >= 48 && byte <= 57;
}
function digitsAt(bytes, at, length) {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    let digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
function isoStampAt(bytes, start2, end) {
  if (end - start2 < 30 || bytes[start2 + 29] !== SPACE2) return !1;
  let at = (i) => bytes[start2 + i];
  if (at(4) !== 45 || at(7) !== 45 || at(10) !== 84 || at(13) !== COLON || at(16) !== COLON || at(19) !== DOT || at(26) !== COLON || at(23) !== 43 && at(23) !== 45) return !1;
  let year = digitsAt(bytes, start2, 4), month = digitsAt(bytes, start2 + 5, 2), day = digitsAt(bytes, start2 + 8, 2), hour = digitsAt(bytes, start2 + 11, 2), minute = digitsAt(bytes, start2 + 14, 2), second = digitsAt(bytes, start2 + 17, 2), ms = digitsAt(bytes, start2 + 20, 3), offsetHour = digitsAt(bytes, start2 + 24, 2), offsetMinute = digitsAt(bytes, start2 + 27, 2);
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0 && offsetHour >= 0 && offsetHour <= 23 && offsetMinute >= 0 && offsetMinute <= 59;
}
function textStart(bytes, start2, end, timeWords2) {
  if (bytes[start2] === 123) return -1;
  let at = start2;
  for (let words2 = timeWords2; words2 > 0; words2--) {
    if (at = bytes.indexOf(SPACE2, at), at < 0 || at >= end) return -1;
    at++;
  }
  return textAfterTime(bytes, at, end);
}
function textAfterTime(bytes, user, end) {
  let at = user;
  for (; at < end && bytes[at] !== SPACE2; ) at++;
  if (at >= end || at === user) return -1;
  for (at++; at < end; at++) {
    if (bytes[at] !== COLON) continue;
    let i = at + 1, windowStart = i;
    for (; i < end && isDigit(bytes[i]); ) i++;
    if (i === windowStart || i >= end || bytes[i] !== DOT) continue;
    let paneStart = ++i;
    for (; i < end && isDigit(bytes[i]); ) i++;
    if (i === paneStart || i + 2 >= end || bytes[i] !== SPACE2 || bytes[i + 2] !== SPACE2) continue;
    let mark = bytes[i + 1];
    if (mark === STAR2) return -1;
    if (isTextMark(mark)) return i + 3;
  }
  return -1;
}
var wordsOf, words = new Int32Array(0), LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function wordsOfBuffer(bytes) {
  return bytes.buffer !== wordsOf && (wordsOf = bytes.buffer, words = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2)), words;
}
function unsafeByte(byte) {
  return byte < 32 && byte !== 9 || byte > 126;
}
function plainBytes(bytes, start2, end) {
  for (let i = start2; i < end; i++) if (unsafeByte(bytes[i])) return !1;
  return !0;
}
function plainAscii(bytes, start2, end) {
  return copyPlain(bytes, start2, end, void 0, 0) >= 0;
}
function copyPlain(bytes, start2, end, target, at) {
  let base = bytes.byteOffset, i = start2;
  for (; i < end && (base + i & 3) !== 0; i++) {
    let byte = bytes[i];
    if (unsafeByte(byte)) return -1;
    target?.setUint8(at++, byte);
  }
  let whole = i + (end - i & -4);
  if (whole > i) {
    let words2 = wordsOfBuffer(bytes), flagged = 0, last = base + whole >> 2;
    if (target)
      for (let w = base + i >> 2; w < last; w++, at += 4) {
        let word = words2[w];
        flagged |= (word - 538976288 | 0) & ~word | (word + 16843009 | 0) | word, target.setInt32(at, word, LITTLE_ENDIAN);
      }
    else
      for (let w = base + i >> 2; w < last; w++) {
        let word = words2[w];
        flagged |= (word - 538976288 | 0) & ~word | (word + 16843009 | 0) | word;
      }
    if ((flagged & 2155905152) !== 0 && !plainBytes(bytes, i, whole)) return -1;
    i = whole;
  }
  for (; i < end; i++) {
    let byte = bytes[i];
    if (unsafeByte(byte)) return -1;
    target?.setUint8(at++, byte);
  }
  return at;
}

// src/commands/output.ts
var NEWLINE = Buffer.from(`
`), pause = new Int32Array(new SharedArrayBuffer(4)), Output = class {
  /**
   * `raw`: for what the tool itself made terminal-ready (replay's casts, whose
   * log text was escaped when the cast was built). Otherwise every control
   * character but newline and TAB is written as `\uXXXX`: a log its owner has
   * edited must not drive the reader's terminal (titles, clipboard, clearing).
   */
  constructor(raw = !1) {
    this.raw = raw;
  }
  raw;
  closed = !1;
  /** Text encoded straight into one buffer (no string joined first), written when it fills. */
  pending = Buffer.allocUnsafeSlow(1 << 20);
  pendingView = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.length);
  used = 0;
  get pendingLength() {
    return this.used;
  }
  write(data) {
    return this.closed ? !1 : (this.raw || (data = escapeForTerminal(typeof data == "string" ? data : data.toString("utf8"))), typeof data != "string" ? (this.flush(), this.writeAll(data)) : data.length * 3 > this.pending.length - this.used ? (this.flush(), data.length * 3 > this.pending.length ? this.writeAll(Buffer.from(data)) : this.used += this.pending.write(data, this.used)) : this.used += this.pending.write(data, this.used), !this.closed);
  }
  /**
   * `<head><number>: <bytes[start, end)>\n`, the line copied as it is when
   * it is printable ASCII and TAB only (nothing to escape: fast-line.ts);
   * undefined, with nothing written, when it is not. `head` is escaped by the
   * caller. A search may print millions of lines: no string is made, and the
   * line is checked as it is copied.
   */
  writeNumbered(head, number2, bytes, start2, end) {
    if (this.closed) return !1;
    if (head.length + 20 + end - start2 > this.pending.length - this.used && (this.flush(), head.length + 20 + end - start2 > this.pending.length))
      return plainAscii(bytes, start2, end) ? (this.writeAll(Buffer.concat([head, Buffer.from(`${number2}: `), bytes.subarray(start2, end), NEWLINE])), !this.closed) : void 0;
    let pending = this.pending;
    pending.set(head, this.used);
    let used = this.used + head.length, digits2 = 1;
    for (let rest = number2; rest >= 10; rest = Math.floor(rest / 10)) digits2++;
    for (let i = used + digits2 - 1, rest = number2; i >= used; i--, rest = Math.floor(rest / 10)) pending[i] = 48 + rest % 10;
    if (used += digits2, pending[used++] = 58, pending[used++] = 32, used = copyPlain(bytes, start2, end, this.pendingView, used), !(used < 0))
      return pending[used++] = 10, this.used = used, !0;
  }
  flush() {
    if (this.closed || this.used === 0) return;
    let used = this.used;
    this.used = 0, this.writeAll(this.pending.subarray(0, used));
  }
  /** Bytes already made ready for the terminal (a scan worker's printed lines: grep-parallel.ts), written as they are. */
  writeReady(bytes) {
    return this.closed ? !1 : bytes.length >= this.pending.length >> 2 ? (this.flush(), this.writeAll(bytes), !this.closed) : bytes.length > this.pending.length - this.used && (this.flush(), bytes.length > this.pending.length) ? (this.writeAll(bytes), !this.closed) : (this.pending.set(bytes, this.used), this.used += bytes.length, !0);
  }
  /** Writes `bytes` out; an output kept in memory (MemoryOutput) keeps them instead. */
  writeAll(bytes) {
    let done = 0;
    for (; done < bytes.length && !this.closed; )
      try {
        done += import_node_fs33.default.writeSync(1, bytes, done, bytes.length - done);
      } catch (error) {
        let code = error.code;
        if (code === "EAGAIN") {
          Atomics.wait(pause, 0, 0, 5);
          continue;
        }
        if (code === "EPIPE") {
          this.closed = !0;
          return;
        }
        throw this.closed = !0, new AuditError(`cannot write output: ${code ?? error.message}`, 2);
      }
  }
};
function printing(out, work) {
  let result;
  try {
    result = work();
  } catch (failure2) {
    try {
      out.flush();
    } catch {
    }
    throw failure2;
  }
  return out.flush(), result;
}
var MemoryOutput = class extends Output {
  /** `spare`: a buffer of its own given back by whoever printed an earlier one (a new one's pages cost a fault each on first touch). */
  constructor(spare2 = () => {
  }, grown = () => {
  }) {
    super(!1);
    this.spare = spare2;
    this.grown = grown;
  }
  spare;
  grown;
  kept = [];
  size = 0;
  writeAll(bytes) {
    let given = this.spare(), copy = given && given.byteLength >= bytes.length ? Buffer.from(given, 0, bytes.length) : Buffer.allocUnsafeSlow(bytes.length);
    copy.set(bytes), this.kept.push(copy), this.size += bytes.length, this.grown(this);
  }
  /** How many bytes are kept and pending. */
  get length() {
    return this.size + this.pendingLength;
  }
  /** Everything written so far, in order, in buffers of their own; the output is then empty. */
  take() {
    this.flush();
    let kept = this.kept;
    return this.kept = [], this.size = 0, kept;
  }
};

// src/commands/reading.ts
function whereOptions(command) {
  return command.option("--dir <dir>", "the log directory (default: $TMUX_AUDIT_DIR, else the tmux server's @audit-dir, else ~/.local/state/tmux-audit)").option("--time-format <format>", "the stamps' date-fns time format (default: the tmux server's @audit-time-format, else ISO 8601)");
}
var DASHED_ID = /^-[\w-]{9}$/, RecordingCommand = class extends Command {
  parseOptions(argv) {
    let index = argv.findIndex((word, i) => DASHED_ID.test(word) && !this.isOption(word) && !this.takesValue(argv[i - 1]));
    if (index < 0 || argv.slice(0, index).includes("--")) return super.parseOptions(argv);
    let result = super.parseOptions([...argv.slice(0, index), ...argv.slice(index + 1)]);
    return result.operands.unshift(argv[index]), result;
  }
  optionNamed(word) {
    return word === void 0 ? void 0 : this.options.find((candidate) => candidate.short === word || candidate.long === word);
  }
  /** One of its options (`--max-idle` has the shape of an id). */
  isOption(word) {
    return this.optionNamed(word) !== void 0 || word === "--help";
  }
  takesValue(word) {
    let option = this.optionNamed(word);
    return option !== void 0 && (option.required || option.optional);
  }
};
function askServer() {
  if (!noServerCanAnswer(process.env, process.getuid?.() ?? -1))
    try {
      return serverAnswer(new Tmux().run(["show-options", "-gqv", "@audit-dir", ";", "show-options", "-gqv", "@audit-time-format"]));
    } catch {
      return;
    }
}
function location(options) {
  return locate(options, process.env, askServer);
}
function logsOf(where, session) {
  return selectSessions(listLogs(where.dir), session, where.dir);
}
function warn(message2) {
  process.stderr.write(`tmux-audit: ${escapeText(message2)}
`);
}
function fileProblem(file, error) {
  let code = error.code;
  return `cannot read ${file}: ${code ?? error.message}`;
}
function settle(work) {
  work.catch((error) => {
    error instanceof AuditError && (warn(error.message), process.exit(error.exitCode)), warn(`unexpected failure: ${error.stack ?? String(error)}`), process.exit(2);
  });
}

// src/commands/ls.ts
function size(bytes) {
  if (bytes < 1024) return `${bytes}B`;
  let units = ["K", "M", "G", "T"], value = bytes / 1024, unit = 0;
  for (; value >= 1024 && unit < units.length - 1; )
    value /= 1024, unit++;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
}
function when(stamp, ms) {
  return ms !== null && ms > Date.UTC(2e3, 0, 1) ? format(ms, "yyyy-MM-dd HH:mm:ss") : stamp ?? "-";
}
function lsTable(summaries) {
  let rows = [
    ["SESSION", "SERVER", "FILES", "FIRST", "LAST", "LINES", "SIZE", "RECS", "CASTS", "USERS"],
    ...summaries.map((log) => [
      log.session,
      log.server,
      String(log.files.length),
      when(log.first, log.firstMs),
      when(log.last, log.lastMs),
      String(log.lines),
      size(log.bytes),
      String(log.recordings),
      log.casts.length === 0 ? "-" : `${log.casts.length}/${size(log.castBytes)}`,
      log.users.join(",") || "-"
    ])
  ], numeric = /* @__PURE__ */ new Set([2, 5, 6, 7, 8]), widths = rows[0].map((_, column) => Math.max(...rows.map((row) => [...row[column]].length)));
  return rows.map((row) => row.map((cell, column) => column === row.length - 1 ? cell : numeric.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])).join("  ")).join(`
`).concat(`
`);
}
function summarizeLogs(sets, timeFormat) {
  let summaries = [], problems = [];
  for (let set of sets)
    try {
      summaries.push(summarizeLog(set, timeFormat));
    } catch (error) {
      if (error instanceof AuditError) problems.push(error.message);
      else if (typeof error.code == "string") problems.push(fileProblem(error.path ?? import_node_path28.default.join(set.dir, set.live), error));
      else throw error;
    }
  return { summaries, problems };
}
function lsCommand() {
  return whereOptions(new Command("ls")).description("list the session logs: server, files, first and last time, lines, size, recordings, raw streams (casts: files/size), users").option("--session <name>", "only this session (name, or name@server)").option("--json", "one JSON array, for machines").addHelpText(
    "after",
    `
Example:
  $ tmux-audit ls
  SESSION  SERVER   FILES  FIRST                LAST                 LINES  SIZE  RECS  CASTS  USERS
  deploy   default      3  2026-11-24 23:01:02  2026-11-25 09:12:40  48210  9.8M     4  2/14M  ann,bob
  $ tmux-audit ls --json | jq '.[] | {session, recordings}'`
  ).action((options) => {
    let where = location(options), { summaries, problems } = summarizeLogs(logsOf(where, options.session), where.timeFormat), out = new Output();
    options.json ? out.write(`${JSON.stringify(summaries)}
`) : summaries.length === 0 ? problems.length === 0 && process.stderr.write(`tmux-audit: no session logs in ${where.dir}
`) : out.write(lsTable(summaries)), out.flush();
    for (let problem of problems.slice(0, -1)) warn(problem);
    if (problems.length > 0) throw new AuditError(problems[problems.length - 1], 2);
  });
}

// src/commands/verify.ts
var import_node_crypto15 = require("node:crypto"), import_node_fs36 = __nodeBuiltin(require("node:fs")), import_node_path32 = __nodeBuiltin(require("node:path"));

// src/chain/key-match.ts
var RENAMED_HINT = "no keyed seal's e= holds, yet seals hold by their hash under this key: the key is the log's; if the log is otherwise whole, its files were renamed from another log's name (e= binds it)", KeyMatch = class {
  constructor(key2) {
    this.key = key2;
  }
  key;
  /** Keyed seals read that carry `e=`. */
  tagged = 0;
  /** Of those, how many hold under the key. */
  held = 0;
  /** The first of them: where the break is shown. */
  first;
  /**
   * Head marks read (chain/head-mark.ts), and of those how many hold under the key. Under another key none does,
   * each was named a forged event beside `wrong key`; one that holds says the key is the log's (nobody makes one
   * without it).
   */
  marks = 0;
  marksHeld = 0;
  see(v) {
    if (v.event === HEAD_EVENT && v.place !== void 0) {
      let holds3 = markHolds(v, this.key);
      holds3 !== void 0 && this.marks++, holds3 && this.marksHeld++;
      return;
    }
    let e = v.fields?.e;
    if (v.event !== "seal" || e === void 0 || v.fields?.chain !== KEYED_CHAIN) return;
    this.tagged++, this.first ??= v;
    let line3 = withoutTag(v.text, e);
    line3 !== void 0 && sealTag(line3, this.key, sealLogName(v.file)) === e && this.held++;
  }
  /**
   * Whether each failing e= should say the files may have been renamed: no e= holds, yet `keyedHeld` keyed
   * seals hold by their hash under the key (the key is the log's; e= also binds the log's name).
   */
  renamedHint(keyedHeld) {
    return this.tagged > 0 && this.held === 0 && keyedHeld > 0;
  }
  /** The break saying the key does not match, when no tagged seal holds under it; else undefined. */
  mismatch() {
    if (this.tagged === 0 || this.held > 0 || this.marksHeld > 0 || !this.first) return;
    let marks = this.marks > 0 ? `, nor any of its ${this.marks} head mark(s)` : "";
    return {
      kind: "wrong key",
      file: this.first.file,
      line: this.first.line,
      rec: "",
      detail: `none of the log's ${this.tagged} keyed seal(s) holds under this key, by its own line (e=) or its hash${marks}: the log was keyed with another one (or every keyed seal and line was made by someone without the key); nothing keyed in it is proved, and it is checked as without a key (lines counted, seals linked)`
    };
  }
};
function markUnderWrongKey(found) {
  return found.kind === "forged event" && found.detail === MARK_NOT_HELD;
}
function retagged(v, key2) {
  let e = v.fields?.e;
  if (v.event !== "seal" || e === void 0 || v.fields?.chain !== KEYED_CHAIN) return v;
  let line3 = withoutTag(v.text, e);
  if (line3 === void 0) return v;
  let fresh = sealTag(line3, key2, sealLogName(v.file));
  if (fresh === e) return v;
  let text2 = line3.endsWith(`}}
`) ? `${line3.slice(0, -3)},"e":"${fresh}"}}
` : `${line3.slice(0, -1)} e=${fresh}
`;
  return { ...v, text: text2, fields: { ...v.fields, e: fresh } };
}

// src/chain/older-chain.ts
function chainVersion(line3) {
  let v = line3.fields?.v;
  return v === void 0 ? void 0 : Number(v);
}
var UNSEALED_LOST = "a lost event its reader did not seal: the recording says (v=2) that its reader seals each one at once, by itself, so it is forged", UNSEALED_LOST_UNMARKED = "a lost event its reader did not seal: forged, or written by a tmux-audit older than v=2 (verify --older checks such logs the old, weaker way)", UNSEALED_LOST_MARKED_LATER = "a lost event its reader did not seal, ahead of seals of the recording that say (v=2) its reader seals each one at once: forged (the recording's start, which says so too, is not in the files read)", UNCOVERED_OLDER_LOST = "a lost event no seal of the recording covers (written by an older tmux-audit, whose chain restarts at the event, so the next seals cover it): the lines around it were written off as unsealed", UNMARKED_SEAL = "a seal without v= in a recording whose start or seals say v=2 or later (the mark taken out)", UNSTAMPED_SEAL = "a seal without s= in a recording marked v=3, whose every seal says its start's time (taken out)", OTHER_VERSION = "a seal that says another chain version (v=) than the recording's start or other seals (the mark rewritten)", UNTAGGED_SEAL = "a keyed seal without e= in a recording marked v=3, whose every keyed seal binds its own line under the key (taken out)", BAD_TAG = "a seal whose own line is not as its reader wrote it: its e= does not hold under the key (the line rewritten, or made without the key)";

// src/chain/removal-count.ts
var RemovalCount = class {
  /** The largest `k=` of a `lost` event read. */
  most = 0;
  see(v) {
    if (v.event !== "lost" || v.fields?.what === "cut") return;
    let k = v.fields?.k;
    k !== void 0 && /^\d{1,9}$/.test(k) && (this.most = Math.max(this.most, Number(k)));
  }
  /** The removals told of: `byFiles` (events heading one file count once), or more if a reader says it saw more. */
  count(byFiles) {
    return Math.max(byFiles, this.most);
  }
};

// src/chain/renamed-files.ts
function renamedPair(files, report2, totalChars, holds3) {
  if (!report2.breaks.some((found) => found.kind !== "forged event" && (found.kind !== "edited" || found.endFile !== void 0 && found.endFile !== found.file))) return;
  let index = new Map(files.map((file, i) => [file, i])), named = /* @__PURE__ */ new Set(), hinted = /* @__PURE__ */ new Set(), reach = new Int32Array(files.length + 1), mark = (from, to) => {
    let low = Math.max(0, from), high = Math.min(files.length - 1, to);
    low > high || (reach[low]++, reach[high + 1]--);
  };
  for (let found of report2.breaks) {
    let from = index.get(found.file), to = index.get(found.endFile ?? found.file) ?? from;
    if (!(from === void 0 || to === void 0)) {
      for (let i of [from, to].flatMap((at) => [at - 1, at, at + 1])) i >= 0 && i < files.length && named.add(i);
      for (let at of (found.hint ?? []).map((file) => index.get(file)))
        if (at !== void 0) for (let i of [at - 1, at, at + 1]) i >= 0 && i < files.length && hinted.add(i);
      mark(Math.min(from, to) - 8, Math.max(from, to) + 8);
    }
  }
  let covered = [];
  for (let i = 0, depth = 0; i < files.length; i++)
    depth += reach[i], (depth > 0 || named.has(i) || hinted.has(i)) && covered.push(i);
  let nearness = nearnessOf(covered, named, hinted), onlyEdits = report2.breaks.every((found) => found.kind === "edited" || found.kind === "forged event"), pairCount = covered.length * (covered.length - 1) / 2, tries = Math.min(onlyEdits ? 150 : 500, totalChars > 0 ? Math.floor(419430400 / totalChars) : pairCount);
  for (let [a, b] of nearestPairs(covered, nearness, tries)) {
    let order = [...files];
    if ([order[a], order[b]] = [order[b], order[a]], holds3(order)) return [files[a], files[b]];
  }
}
function nearnessOf(covered, named, hinted) {
  let nearness = covered.map((i) => hinted.has(i) ? 0 : named.has(i) ? 1 : Number.POSITIVE_INFINITY), marked = (i) => named.has(i) || hinted.has(i), last = Number.NEGATIVE_INFINITY;
  for (let x = 0; x < covered.length; x++) {
    let i = covered[x];
    marked(i) ? last = i : nearness[x] = 1 + i - last;
  }
  last = Number.POSITIVE_INFINITY;
  for (let x = covered.length - 1; x >= 0; x--) {
    let i = covered[x];
    marked(i) ? last = i : nearness[x] = Math.min(nearness[x], 1 + last - i);
  }
  return nearness;
}
function* nearestPairs(covered, nearness, count) {
  let runAt = (x, y, step) => {
    if (y < 0 || y >= covered.length) return;
    let i = covered[x], j = covered[y];
    return { rank: Math.abs(j - i) + 2 * nearness[x], a: Math.min(i, j), b: Math.max(i, j), x, y, step };
  }, before2 = (p, q) => (p.rank - q.rank || p.a - q.a || p.b - q.b) < 0, heap = [], push = (run) => {
    if (run !== void 0) {
      heap.push(run);
      for (let at = heap.length - 1; at > 0; ) {
        let up = at - 1 >> 1;
        if (!before2(heap[at], heap[up])) break;
        [heap[at], heap[up]] = [heap[up], heap[at]], at = up;
      }
    }
  }, pop = () => {
    let top = heap[0], last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      for (let at = 0; ; ) {
        let least = at;
        for (let child of [2 * at + 1, 2 * at + 2]) child < heap.length && before2(heap[child], heap[least]) && (least = child);
        if (least === at) break;
        [heap[at], heap[least]] = [heap[least], heap[at]], at = least;
      }
    }
    return top;
  };
  for (let x = 0; x < covered.length; x++)
    push(runAt(x, x + 1, 1)), push(runAt(x, x - 1, -1));
  let given = /* @__PURE__ */ new Set();
  for (; given.size < count && heap.length > 0; ) {
    let run = pop();
    push(runAt(run.x, run.y + run.step, run.step));
    let key2 = `${run.a} ${run.b}`;
    given.has(key2) || (given.add(key2), yield [run.a, run.b]);
  }
}

// src/chain/segment-moves.ts
var RearrangeBudget = class {
  constructor(left = 16e6) {
    this.left = left;
  }
  left;
  /** Takes the lines of one try; false (and nothing taken) when fewer than that are left. */
  take(lines) {
    return this.left < lines ? !1 : (this.left -= lines, !0);
  }
};
function pieceRearrangementThatHolds(count, holds3, tries = Number.POSITIVE_INFINITY) {
  let apart = count <= 64 ? count : count <= 1024 ? 4 : 0, identity2 = Array.from({ length: count }, (_, i) => i), left = tries, held2 = (order) => left-- > 0 && holds3(order);
  for (let i = 0; i < count; i++)
    for (let j = i + 1; j < count && j - i <= apart; j++) {
      let order = [...identity2];
      if ([order[i], order[j]] = [order[j], order[i]], held2(order)) return { kind: "swap", pieces: [i, j] };
    }
  for (let i = 0; i < count && left > 0; i++) {
    for (let k = i - 2; k >= 0 && i - k <= apart; k--) {
      let order = [...identity2.slice(0, k), i, ...identity2.slice(k, i), ...identity2.slice(i + 1)];
      if (held2(order)) return { kind: "before", pieces: [i, k, ...k > 0 ? [k - 1] : []] };
    }
    for (let k = i + 2; k < count && k - i <= apart; k++) {
      let order = [...identity2.slice(0, i), ...identity2.slice(i + 1, k + 1), i, ...identity2.slice(k + 1)];
      if (held2(order)) return { kind: "after", pieces: [i, k, ...k + 1 < count ? [k + 1] : []] };
    }
  }
}
var LINE_PLACES = 512;
function lineMovesByStamp(ms) {
  let at = -1;
  for (let i = 1; i < ms.length; i++)
    if (ms[i] < ms[i - 1]) {
      if (at !== -1) return;
      at = i;
    }
  if (at === -1) return;
  let n = ms.length, early = at + 1 >= n || ms[at + 1] >= ms[at - 1], late = at === 1 || ms[at - 2] <= ms[at];
  if (!early && !late) return;
  let moves = [];
  if (early)
    for (let k = at - 1; k >= 0 && moves.length < LINE_PLACES && !(ms[k] < ms[at]); k--)
      k > 0 && ms[k - 1] > ms[at] || moves.push({ line: at, to: k });
  let back = at - 1;
  if (late)
    for (let k = at; k < n && moves.length < 2 * LINE_PLACES && !(ms[k] > ms[back]); k++)
      k + 1 < n && ms[k + 1] < ms[back] || k === at && moves[0]?.to === back || moves.push({ line: back, to: k });
  return moves;
}
function orderOf(items, move) {
  let { line: line3, to } = move;
  return to < line3 ? [...items.slice(0, to), items[line3], ...items.slice(to, line3), ...items.slice(line3 + 1)] : [...items.slice(0, line3), ...items.slice(line3 + 1, to + 1), items[line3], ...items.slice(to + 1)];
}

// src/chain/last-seal.ts
var JSON_STOP = ',"kind":"event","text":"stop",';
function lastSealLine(stop2, raw, rec, seal) {
  let tag2 = { ...seal.t === void 0 ? {} : { t: seal.t }, ...seal.e === void 0 ? {} : { e: seal.e } }, chain = { ...seal.s === void 0 ? {} : { s: seal.s }, ...seal.v === void 0 ? {} : { v: seal.v }, ...seal.chain === void 0 ? {} : { chain: seal.chain } };
  if (stop2.charCodeAt(0) === 123) {
    let at = stop2.indexOf(JSON_STOP);
    return at < 0 ? void 0 : `${stop2.slice(0, at).replace(/,"seq":\d+$/, "")},"kind":"event","text":"seal","fields":${escapeText(fieldsJson({ n: seal.n, p: seal.p, h: seal.h, ...chain, end: "stop", ...tag2 }))}}
`;
  }
  return raw === void 0 || !stop2.endsWith(`${raw}
`) ? void 0 : `${stop2.slice(0, stop2.length - raw.length - 1)}${eventText("seal", { rec, n: seal.n, p: seal.p, h: seal.h, ...chain, end: "stop", ...tag2 })}
`;
}

// src/chain/moved-recording.ts
var MOVED_SLACK_MS = SEAL_MS + TAIL_SLACK_MS, PlaceStamps = class {
  /** The latest stamp read at each place. */
  latest = /* @__PURE__ */ new Map();
  /** Places where a second recording started beside a running one, until the one left seals alone. */
  mixed = /* @__PURE__ */ new Set();
  /** A second recording starts at `place` beside one running there. */
  share(place) {
    this.mixed.add(place);
  }
  /** The recording at `place` sealed with no other beside it. */
  alone(place) {
    this.mixed.delete(place);
  }
  /** Notes a line's stamp at `place`; how far (ms) it goes back when that is more than MOVED_SLACK_MS at a shared place, once per sharing. */
  see(place, ms) {
    if (!Number.isFinite(ms)) return;
    let latest = this.latest.get(place);
    if (latest === void 0 || ms >= latest) {
      this.latest.set(place, ms);
      return;
    }
    if (!(!this.mixed.has(place) || latest - ms <= MOVED_SLACK_MS))
      return this.mixed.delete(place), latest - ms;
  }
};

// src/chain/replayed-seal.ts
function replayedSeal(firstSeal, oldestFirstMs, slack = 1e4) {
  return !Number.isFinite(firstSeal.ms) || firstSeal.ms >= oldestFirstMs - slack ? void 0 : `the first seal of a recording whose start is in no file read is stamped ${Math.round((oldestFirstMs - firstSeal.ms) / 1e3)} s before ${slack === 1e4 ? "the oldest file's first line" : "the earliest seal of the log that holds by its hash (t=)"}: a seal from a file since pruned, put back here (its lines before it are not its reader's)`;
}

// src/chain/keyless-stop.ts
function keylessStop(p, rec, reason, h, away) {
  return externalStopHash(p, rec, reason, void 0, away) === h ? "plain" : /^[0-9a-f]{32}$/.test(h) ? "keyed" : void 0;
}

// src/chain/seal-due.ts
var SEAL_DRAIN_MS = 1e4;
function sealNotDueYet(lines, firstMs, now) {
  return now === void 0 || firstMs === void 0 || !Number.isFinite(firstMs) ? !1 : lines < SEAL_EVERY && now - firstMs < SEAL_MS + SEAL_DRAIN_MS;
}
function runningOwner(held2, unseen, now) {
  let first = held2[0];
  if (first === void 0 || !sealNotDueYet(held2.length, first.ms, now)) return;
  let named = new Set(held2.filter((v) => v.kind === "event").map((v) => v.fields?.rec)), owner = named.size === 0 ? unseen.values().next().value : named.size === 1 ? [...named][0] : void 0;
  if (!(owner === void 0 || !unseen.has(owner)))
    return unseen.delete(owner), owner;
}

// src/chain/running-seal.ts
var import_node_path29 = __nodeBuiltin(require("node:path"));
function sameLog(a, b) {
  return sealLogName(a) === sealLogName(b) && import_node_path29.default.resolve(import_node_path29.default.dirname(a)) === import_node_path29.default.resolve(import_node_path29.default.dirname(b));
}
function runningSealProblem(seal, owner, place, held2, key2) {
  let why = (what) => `lines at ${place} given to a running recording whose start is in no file read and no seal of which is read yet (${owner}), ${what}: made up`;
  if (seal === void 0) return why("but its reader noted no seal");
  if (seal.event !== "seal" || seal.fields?.rec !== owner || seal.place !== place) return why("but the seal its reader noted is not one of it at that place");
  if (held2[0] === void 0 || !sameLog(seal.file, held2[0].file)) return why("but the seal its reader noted is of another log");
  let e = seal.fields?.e, line3 = e === void 0 || !/^[0-9a-f]+$/.test(e) ? void 0 : withoutTag(seal.text, e);
  if (line3 === void 0 || sealTag(line3, key2, sealLogName(seal.file)) !== e) return why("but the seal its reader noted does not hold under the key");
  let early = held2.find((v) => !(v.ms >= seal.ms - SEAL_MS - SEAL_DRAIN_MS));
  if (early !== void 0) return why(`but they are stamped ${Math.round((seal.ms - early.ms) / 1e3)} s before the seal its reader noted`);
}

// src/chain/verify.ts
function unsealedTail(segment, where) {
  let tail = segment.filter((line3, i) => i > 0 || line3.event !== "seal" && line3.event !== "start");
  if (tail.length >= SEAL_EVERY) return `${tail.length} line(s) after the last seal ${where}: more than a reader leaves unsealed (${SEAL_EVERY - 1})`;
  let first = tail[0]?.ms ?? 0, latest = tail.reduce((most, line3) => Math.max(most, line3.ms), first);
  if (latest - first > SEAL_MS + TAIL_SLACK_MS) return `the lines after the last seal span ${Math.round((latest - first) / 1e3)} s ${where}: a reader seals within ${SEAL_MS / 1e3} s`;
}
var RecordingState = class {
  constructor(rec, place, startMissing) {
    this.rec = rec;
    this.place = place;
    this.startMissing = startMissing;
    this.resync = startMissing;
  }
  rec;
  place;
  startMissing;
  segment = [];
  /** The last seal's h as linked (LINK_HEX digits); undefined before the first seal. */
  prev;
  /** The next seal covers its last n lines only (when the start is missing), or may (after a `lost`). */
  resync;
  /** A `lost` event no seal has covered yet (see the header), and how many seals came since. */
  lost;
  sealsSinceLost = 0;
  /** A `lost` event just read: the recording's next line must be the seal that covers it alone. */
  pendingLost;
  /**
   * The link of a `lost` event's seal: what follows it (written again by its reader, then new) is one
   * segment, whatever it holds (seals, a stop, another `lost` event, as they were first written), up
   * to the seal that links to it.
   */
  relost;
  /** While `relost`: a `lost` event heading a file, and then with its seal (`at`: where in the segment): perhaps a later removal's (see nestedLoss). */
  innerLost;
  inner;
  /** It had ended when a `lost` event came (the log removed as its reader closed): it ends again at the seal after it. */
  reopened = !1;
  /** The lines since its last seal when a `lost` event came: what its reader wrote before the log was removed, and no seal here covers. */
  lostTail = [];
  /** The file of its last line read: a `lost` event opens a file. */
  lastFile;
  /** Chained under a key (its start's or first seal's `chain=hmac`); undefined until one says. */
  keyed;
  /**
   * Keyed by a reader from before keyed chains were said (`chain=hmac`): nothing marks it, and its seals
   * hold under the key, not plain. Found at its first hashed seal; its seals then say nothing, as they did.
   */
  legacyKeyed = !1;
  /** A seal of it held plain: it is no legacy keyed recording. */
  heldPlain = !1;
  /**
   * Known only by a dead reader's stop whose plain hash does not hold, read without the key (chain/keyless-stop.ts):
   * taken as keyed only if something else in the log is (see finish), else it is a forged event.
   */
  keylessStop;
  /** Its start or a seal says `v=` (chain/older-chain.ts): its `lost` events are sealed at once. */
  marked = !1;
  /**
   * Something of it holds under the key: a seal by its hash, a seal's own line by its `e=` (chain/seal-tag.ts), or
   * a dead reader's stop by its keyed h. Under --require-key a recording whose start is in no file read must be.
   */
  proven = !1;
  /** The chain version its start or first marked seal says (`v=`): every other seal of it says the same. */
  version;
  /** A seal of it without `v=` was read (the first, where the mark would show first: see seal). */
  unmarkedSeal;
  /** Its `lost` events read the older way (no seal followed at once, and no mark seen yet). */
  olderLost = [];
  /** Where it is first seen: where an unkeyed recording is named under --require-key. */
  firstLine;
  /** Its start's time as its seals say it (`s=`, chain/seal.ts): where a recording whose start is missing began. */
  startAt;
  lines = 0;
  seals = 0;
  unsealed = 0;
  ended = !1;
  externalStop;
  stopped = !1;
  /** Its first line read was the `lost` event that opens a log recreated under a running reader. */
  openedByLost = !1;
  /** And that event's seal held (under the key, when keyed and given), and it says its start went with the removed log (see settleLost, startCutOut). */
  openedBySealedLost = !1;
  lastSeal;
  /** Its first seal read: a start-less recording's must be stamped after the oldest file began (chain/replayed-seal.ts). */
  firstSeal;
  /** Every seal's link and hash, in file order: to tell reordered files from removed ones at the end. */
  links = [];
  /** The link breaks reported for it (indices into the breaks). */
  linkBreaks = [];
  /**
   * Another recording ran at its place at the same time (a pane's index taken
   * over after a kill-pane, two `pipe --file` into one file): the printed lines
   * there cannot be told apart, so its seals are checked by their links only
   * until the first seal after it runs alone again.
   */
  shared = !1;
  /** Lines its link-only seals covered. */
  sharedLines = 0;
  /**
   * A seal of it held by its hash (its start's, sealed at once by its reader; or any later one): only
   * then does it count toward sharing its place. A start copied under another rec= (or made up) cannot
   * make that seal under the key, so it cannot turn the place's hash checks into link checks.
   */
  confirmed = !1;
  /** Its start, read, and its next line not yet: that line is the seal its reader makes over the start alone. */
  pendingStart;
  /** A last seal (`end=stop`) waiting for the stop it covers: the recording's next line. */
  awaitingStop;
};
function span(from, to) {
  return { file: from.file, line: from.line, endLine: to.line, ...to.file === from.file ? {} : { endFile: to.file } };
}
function external(v) {
  if (v.event === "stop" && (v.fields?.reason === "reader-died" || v.fields?.reason === "lost")) return v.fields.reason;
}
var SEARCH_SPENT = "this verify run's search for moves is spent", START_SLACK_MS = 1e3, ChainVerifier = class {
  constructor(options = {}) {
    this.options = options;
    this.heads = new HeadMarks(options.key, options.prefixDigest), this.rearrange = options.rearrange ?? new RearrangeBudget();
  }
  options;
  recordings = /* @__PURE__ */ new Map();
  /** The recordings running at each place, oldest first: a printed line there belongs to the newest (see `shared`). */
  running = /* @__PURE__ */ new Map();
  /** Lines at a place with no recording, in the oldest file before any event there: a pruned start's tail, kept for the next seal. */
  orphans = /* @__PURE__ */ new Map();
  breaks = [];
  /** A start or seal said `chain=hmac`: the log has keyed recordings (see keylessStop). */
  keyedChainSeen = !1;
  /** Keyed seals that held by their hash under the key given (see VerifyReport.keyedHeld). */
  keyedHeld = 0;
  /** Stamps going back at a place two recordings share: a recording moved there (chain/moved-recording.ts). */
  stamps = new PlaceStamps();
  files = [];
  lines = 0;
  unchained = 0;
  /**
   * The removals `lost` events tell of: one per file they head and per kind (a reader's own, or one written again
   * after a later removal's). Every reader that had written into the removed file writes its own event into the one
   * new file, so two panes' events there are one removal, not two (issue 13 review of fixtrust8, F3).
   */
  removals = /* @__PURE__ */ new Set();
  lastFile;
  /**
   * The earliest stamp of a line a seal vouches for by its hash (or a keyed seal's own line, by its e=): a start
   * later than this (and a little) was in the files read (see startCutOut). Not the oldest file's first line: no
   * seal vouches for that (a pruned start's leftovers, checked by links only; a file planted with an old-looking
   * name), and a later stamp put there would switch the check off (issue 13 review of fixtrust8, F1). Lines that
   * hold can only lower it: adding some (a recording made up, chained plain) makes the check stricter, not laxer.
   */
  earliestHeldMs;
  /**
   * The oldest file's first log line's time: only for telling a seal replayed from a pruned file (replayed). Not earliestHeldMs: a replayed seal holds by its e=, so it lowers that to its own stamp; nor the
   * earliest line held by a hash: an honest pruned-start recording's first seal can come long before any segment
   * held whole. Its first line, or the earliest line a seal holds by its hash if earlier: a leftover first line
   * restamped later (no seal checks it) must not make honest seals look replayed. Made-up lines stamped early at
   * the very head of the oldest file lower it (replayed-seal.ts says so).
   */
  oldestFirstMs;
  /** The earliest stamp of a line a seal holds by its hash (not by a seal's own e=): see oldestFirstMs. */
  earliestHashedMs;
  /**
   * The oldest file's lines are no instants (chain/epoch-stamps.ts: its seals say t=), so oldestFirstMs is
   * none: a replayed seal is told by the seals' t= instead (see replayed).
   */
  oldestUntimed = !1;
  /** The line number of the oldest file's first line that is not a seal or a stop. */
  oldestFirstLine;
  /** The earliest t= (in an untimed log: its ms) of a seal that holds by its hash, not by its e= (see replayed). */
  earliestHashedSealMs;
  /** Rotated files' digests the chain holds (VerifyReport.digests). */
  digests = /* @__PURE__ */ new Map();
  /** The files' head marks (chain/head-mark.ts): the oldest file's start, proven under the key, when it has one. */
  heads;
  /** What the search for moves may still hash (segment-moves.ts). */
  rearrange;
  /** Whether a break was found so far (some are found only by `finish`). */
  get broken() {
    return this.breaks.length > 0;
  }
  /** A file of the log that is known to have been there and is not (a rotated file named in a seal, a file named on the command line). */
  push(v) {
    if (v.file !== this.lastFile && (this.files.push(v.file), this.lastFile = v.file), this.lines++, v.fields?.chain === KEYED_CHAIN && (v.event === "start" || v.event === "seal") && (this.keyedChainSeen = !0), this.files.length === 1 && this.heads.line(v), v.event === HEAD_EVENT && v.place !== void 0) {
      this.unchained++, this.heads.see(v);
      return;
    }
    if (this.files.length === 1 && this.oldestFirstLine === void 0 && v.place !== void 0 && v.event !== "seal" && v.event !== "stop" && (this.oldestFirstLine = v.line), this.files.length === 1 && this.oldestFirstMs === void 0 && v.place !== void 0 && v.event !== "seal" && v.event !== "stop" && (Number.isFinite(v.ms) ? this.oldestFirstMs = v.ms : v.kind !== void 0 && v.text.charCodeAt(0) !== 123 && (this.oldestUntimed = !0)), v.place === void 0) {
      let torn = !v.text.endsWith(`
`);
      this.breaks.push({ kind: torn ? "truncated" : "inserted", file: v.file, line: v.line, rec: "", detail: torn ? "the file ends in the middle of a line" : "not a log line" });
      return;
    }
    v.event === "start" && v.fields?.rec !== void 0 && !this.recordings.has(v.fields.rec) && this.confirmedAt(v.place) > 0 && this.stamps.share(v.place);
    let back = this.stamps.see(v.place, v.ms);
    back !== void 0 && this.breaks.push({
      kind: "reordered",
      file: v.file,
      line: v.line,
      rec: v.fields?.rec ?? this.current(v.place)?.rec ?? "",
      detail: `stamped ${Math.round(back / 1e3)} s before a line before it at ${v.place}, where two recordings ran: a recording (or its lines) moved here from elsewhere in the log`
    }), v.kind === "event" ? this.event(v) : this.printed(v);
  }
  printed(v) {
    let state = this.current(v.place);
    if (!state) {
      if (!this.seenEventAt.has(v.place)) {
        let kept = this.orphans.get(v.place) ?? [];
        kept.push(v), this.orphans.set(v.place, kept);
        return;
      }
      this.breaks.push({ kind: "inserted", file: v.file, line: v.line, rec: "", detail: `a line at ${v.place} where no recording is running` });
      return;
    }
    this.take(state, v);
  }
  seenEventAt = /* @__PURE__ */ new Set();
  /**
   * An event of a recording whose start is in no file read, before any seal of it, where no other
   * recording's events came: read like its lines (held at its place, covered by its next seal, which
   * then takes them). Its reader chains it like any line: a pane whose start was pruned, renamed (a
   * `rename` event) before its first seal in the files left, is no forgery (issue 13, review of
   * fixtrust9, finding 2). Not a seal, a `lost` event or a stop: each has its own rules. Only after the
   * oldest file, where such an event was named before: in the oldest file it opens the recording as it did
   * (a dead reader's stop may end it there without a seal).
   */
  heldAsLine(v) {
    if (v.event === "seal" || v.event === "lost" || v.event === "stop") return !1;
    this.seenEventAt.delete(v.place);
    let kept = this.orphans.get(v.place) ?? [];
    return kept.push(v), this.orphans.set(v.place, kept), !0;
  }
  take(state, v) {
    if (state.pendingLost && this.settleLost(state, v), state.ended) {
      this.breaks.push({ kind: v.kind === "event" ? "forged event" : "inserted", file: v.file, line: v.line, rec: state.rec, detail: "after the recording's last seal" });
      return;
    }
    if (state.lines++, state.segment.push(v), state.lastFile = v.file, state.firstLine ??= v, state.awaitingStop) {
      let seal = state.awaitingStop;
      state.awaitingStop = void 0, v.event !== "stop" ? this.breaks.push({ kind: "inserted", file: v.file, line: v.line, rec: state.rec, detail: "the last seal is followed by something other than the stop it covers" }) : seal.text !== lastSealLine(v.text, v.raw, state.rec, { n: Number(seal.fields.n), p: seal.fields.p, h: seal.fields.h, ...seal.fields.s === void 0 ? {} : { s: Number(seal.fields.s) }, v: chainVersion(seal), chain: seal.fields.chain, t: sealInstant(seal.fields), e: seal.fields.e }) && this.breaks.push({ kind: "edited", file: seal.file, line: seal.line, rec: state.rec, detail: "the last seal is not stamped like the stop it covers" }), this.check(state, seal);
    }
  }
  event(v) {
    let seenBefore = this.seenEventAt.has(v.place);
    this.seenEventAt.add(v.place);
    let rec = v.fields?.rec;
    if (rec === void 0) {
      this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec: "", detail: `${v.event ?? "an"} event without rec=` });
      return;
    }
    let state = this.recordings.get(rec);
    if (state && !external(v)) {
      if (state.pendingLost && this.settleLost(state, v)) return;
      if (state.relost !== void 0) {
        let innerLost = state.innerLost;
        if (state.innerLost = void 0, v.event === "seal" && v.fields?.p === state.relost) {
          if (state.inner && !this.holdsAsWritten(state, v)) return this.nestedLoss(state, v);
          if (state.relost = void 0, state.inner = void 0, v.fields?.more === "1") {
            this.seal(state, v), !state.ended && !state.awaitingStop && (state.relost = state.prev);
            return;
          }
        } else if (innerLost && v.event === "seal" && !state.links.some((link) => link.h === v.fields?.h?.slice(0, LINK_HEX)) && this.sealsLost(state, innerLost, v)) {
          state.segment.pop(), state.lines--, state.relost = void 0, state.inner = void 0, this.keptSeal(state, innerLost), state.pendingLost = innerLost, state.lostTail = state.segment, state.unsealed += state.segment.length, state.segment = [], this.settleLost(state, v);
          return;
        } else {
          v.event === "lost" ? (this.removals.add(`${v.file}\0again`), state.lastFile !== v.file && (state.innerLost = v)) : innerLost && v.event === "seal" && this.sealsLost(state, innerLost, v) && (state.inner = { seal: v, at: state.segment.length }), this.take(state, v);
          return;
        }
      }
    }
    if (v.event === "start") {
      if (state?.openedByLost && state.lines === 0 && state.seals === 0) {
        chainVersion(v) !== void 0 && (state.marked = !0, this.noteVersion(state, v)), this.take(state, v);
        return;
      }
      if (state) {
        this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec, detail: "a second start of the recording" });
        return;
      }
      state = new RecordingState(rec, v.place, !1), state.keyed = v.fields?.chain === KEYED_CHAIN, state.marked = chainVersion(v) !== void 0, state.version = chainVersion(v), this.recordings.set(rec, state), this.run(state), this.take(state, v), state.pendingStart = v;
      return;
    }
    state?.pendingStart && this.settleStart(state, v);
    let outside = external(v);
    if (!state) {
      if ((outside || v.event !== "seal") && outside && this.unchained++, !seenBefore && !outside && this.files.length > 1 && this.heldAsLine(v)) return;
      v.event !== "lost" && !outside && (seenBefore || this.files.length > 1 && v.event !== "seal") && this.breaks.push({
        kind: "forged event",
        file: v.file,
        line: v.line,
        rec,
        detail: seenBefore ? `${v.event ?? "an"} event of a recording whose start is in no file read, at a place where another recording's events came before (the rest of a recording whose start was pruned comes first at its place)` : `${v.event ?? "an"} event of a recording whose start is in no file read, after the oldest file (the rest of a recording whose start was pruned opens there with a seal)`
      }), state = new RecordingState(rec, v.place, !0), state.openedByLost = v.event === "lost", this.recordings.set(rec, state), this.current(v.place) || this.run(state);
      let orphans = this.orphans.get(v.place);
      if (orphans) {
        this.orphans.delete(v.place);
        for (let line3 of orphans)
          line3.kind === "event" && (line3.fields?.rec !== rec || v.event !== "seal") ? this.breaks.push({ kind: "forged event", file: line3.file, line: line3.line, rec: line3.fields?.rec ?? "", detail: line3.fields?.rec !== rec ? `${line3.event ?? "an"} event at ${line3.place} before the first seal there, which is another recording's` : `${line3.event ?? "an"} event of a recording whose start is in no file read, no seal of which covers it (the rest of a recording whose start was pruned is sealed)` }) : this.take(state, line3);
      }
      if (outside) {
        this.externalEvent(state, v, outside);
        return;
      }
    }
    if (outside) {
      this.unchained++, this.externalEvent(state, v, outside);
      return;
    }
    if (v.event === "seal") {
      let stretch = v.fields?.more === "1" && state.startMissing && !state.confirmed && state.relost === void 0 && v.fields?.p !== state.prev;
      this.seal(state, v), stretch && !state.ended && !state.awaitingStop && (state.relost = state.prev);
      return;
    }
    if (v.event === "lost") {
      let cut2 = v.fields?.what === "cut";
      if (cut2 ? this.breaks.push({ kind: "truncated", file: v.file, line: v.line, rec, detail: `the file was cut while the recording's reader wrote into it: it had held ${v.fields?.held ?? "more"} bytes, and held ${v.fields?.left ?? "fewer"} when the reader looked; what it held is gone` }) : this.removals.add(`${v.file}\0own`), !cut2 && state.lastFile === v.file && !state.ended) {
        this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec, detail: "a lost event after the recording's own lines in the same file (its reader writes it first thing in a new file)" });
        return;
      }
      if (cut2 || this.keptSeal(state, v), !state.marked && state.lost !== void 0 && state.sealsSinceLost >= 2 && this.uncoveredLost(state, state.lost), state.pendingLost = v, state.lostTail = state.segment, state.ended) {
        state.ended = !1, state.reopened = !0;
        return;
      }
      state.resync = !0, state.unsealed += state.segment.length, state.segment = [], state.lost = v, state.sealsSinceLost = 0;
      return;
    }
    if (v.event === "stop") {
      state.stopped = !0, this.take(state, v), this.leave(state);
      return;
    }
    this.take(state, v);
  }
  /**
   * The recording's next line `v` after a `lost` event: whether it is the seal its reader makes at
   * once over the event alone (n=1, its hash over the event: under the key, nobody else can make it),
   * taken then. Else the event is a break (`forged event`) in a recording marked `v=2`; in an unmarked
   * one (an older tmux-audit's) it is read as that version wrote it (chain/older-chain.ts).
   */
  settleLost(state, v) {
    let lost = state.pendingLost;
    if (state.pendingLost = void 0, v.event === "seal" && this.sealsLost(state, lost, v)) {
      this.noteMark(state, v), this.confirm(state), this.held([lost]), state.openedByLost && state.seals === 0 && lost.fields?.p === GENESIS && (state.openedBySealedLost = !0);
      let link = v.fields.h.slice(0, LINK_HEX);
      state.seals++, state.links.push({ p: v.fields.p, h: link }), state.prev = link, state.lastSeal = v, state.lastFile = v.file, state.segment = [v], state.relost = link, state.resync = !1, state.lost = void 0, state.sealsSinceLost = 0, state.reopened = !1;
      let long = state.shared ? void 0 : unsealedTail(state.lostTail, "before a lost event");
      if (long) {
        let from = state.lostTail[0];
        this.breaks.push({ kind: "deleted", ...span(from, lost), rec: state.rec, detail: `${long}: seals before the event were removed` });
      }
      return state.lostTail = [], !0;
    }
    return state.lostTail = [], state.marked ? this.breaks.push({ kind: "forged event", file: lost.file, line: lost.line, rec: state.rec, detail: UNSEALED_LOST }) : this.options.older ? state.olderLost.push(lost) : this.breaks.push({ kind: "forged event", file: lost.file, line: lost.line, rec: state.rec, detail: UNSEALED_LOST_UNMARKED }), state.reopened && (state.reopened = !1, state.ended = !0), !1;
  }
  /**
   * The recording's next event `v` after its start: when it is the seal its reader makes at once over the
   * start alone (n=1 from GENESIS), the printed lines read between them at its place were another
   * recording's (its own come after that seal): they go back to the one that ran there before it.
   * Otherwise (a start from before starts were sealed, or not its reader's) nothing changes: it counts
   * toward sharing its place only once a later seal holds by its hash.
   */
  settleStart(state, v) {
    let start2 = state.pendingStart;
    if (state.pendingStart = void 0, v.event !== "seal" || v.fields?.p !== GENESIS || v.fields?.end !== void 0 || state.segment[0] !== start2 || !this.sealsLost(state, start2, v)) return;
    let others = state.segment.slice(1);
    if (others.length === 0) return;
    state.segment = [start2], state.lines -= others.length;
    let states = this.running.get(state.place) ?? [], before2 = states[states.indexOf(state) - 1];
    for (let line3 of others)
      before2 ? this.take(before2, line3) : this.breaks.push({ kind: "inserted", file: line3.file, line: line3.line, rec: "", detail: `a line at ${line3.place} where no recording is running` });
  }
  /** Whether `seal` covers the recording's lines since its last seal exactly as they stand. */
  holdsAsWritten(state, seal) {
    return Number(seal.fields?.n) !== state.segment.length ? !1 : state.keyed === !0 && this.options.key === void 0 ? !0 : this.holdsFor(state.segment, seal.fields.p, seal.fields.h, state.keyed ? this.options.key : void 0);
  }
  /**
   * What a reader wrote again after a `lost` event crossed a rotation, and the newest file was removed
   * too before the writer looked at it: a second `lost` event (and its seal, which holds) heads a file
   * within the stretch the first event's seal opened, and the seal that closes that stretch (`v`, written
   * again after the second event) no longer holds: part of what it covers went with the second removed
   * file. The stretch up to the second event is written off like the lines before any real `lost` event
   * (no more than a reader leaves unsealed), and the second event's seal opens the stretch read from then
   * on, `v` among its lines.
   */
  nestedLoss(state, v) {
    let inner = state.inner;
    state.inner = void 0;
    let event = state.segment[inner.at - 1];
    event?.event === "lost" && this.keptSeal(state, event);
    let before2 = state.segment.slice(0, inner.at - 1), long = state.shared ? void 0 : unsealedTail(before2, "before a lost event");
    long && this.breaks.push({ kind: "deleted", ...span(before2[0], inner.seal), rec: state.rec, detail: `${long}: seals before the event were removed` }), state.unsealed += before2.length;
    let link = inner.seal.fields.h.slice(0, LINK_HEX);
    state.segment = state.segment.slice(inner.at), state.relost = link, state.seals++, state.links.push({ p: inner.seal.fields.p, h: link }), state.prev = link, state.lastSeal = inner.seal, this.take(state, v);
  }
  /**
   * A `lost` event names (`p=`, covered by its seal) the recording's last seal its reader knew to be in a
   * rotated file, which the removal of the live log leaves (sinks/file/sink.ts: keptLink): it must be the
   * recording's last seal before the event, so that the lines the event writes off are counted from it.
   * Else rotated files before the event were deleted (the event, which the log's owner can bring about
   * with `rm`, taken for the cause of the gap). Not for a recording whose start and seals before the
   * event are in no file read (pruned, or the files named one by one), nor for an event without p= (older).
   */
  keptSeal(state, v) {
    let named = v.fields?.p;
    if (named === void 0 || state.startMissing && state.seals === 0) return;
    let last = state.links[state.links.length - 1]?.h ?? GENESIS;
    if (named === last) return;
    let present = named !== GENESIS && state.links.some((link) => link.h === named), from = state.lastSeal ?? state.firstLine ?? v;
    this.breaks.push({
      kind: present ? "deleted" : "missing file",
      ...span(from, v),
      rec: state.rec,
      detail: present ? `the lost event names the seal ${named} as its reader's last in a rotated file, and seals of the recording after it come before the event` : named === GENESIS ? "the lost event says its reader had no seal in a rotated file, and seals of the recording come before it" : `the lost event names a seal (${named}) that is not in the log before it: files of the log before the event removed?`
    });
  }
  /** Whether `seal` is the one a reader makes right after the `lost` event: by itself, over the event. */
  sealsLost(state, lost, seal) {
    let n = Number(seal.fields?.n), p = seal.fields?.p ?? "", h = seal.fields?.h ?? "";
    if (n !== 1 || seal.fields?.end !== void 0 || seal.place !== lost.place || !/^[0-9a-f]+$/.test(h) || !/^[0-9a-f]+$/.test(p)) return !1;
    let keyed = seal.fields?.chain === KEYED_CHAIN;
    if (state.keyed !== void 0 && !state.legacyKeyed && state.keyed !== keyed) return !1;
    if (state.keyed ??= keyed, keyed && this.options.key === void 0) return !0;
    let holds3 = this.holdsFor([lost], p, h, keyed ? this.options.key : void 0);
    return holds3 && !keyed && (state.heldPlain = !0), holds3;
  }
  /**
   * Whether the recording's chain carries the mark (`v=`), from a seal `v` of it: every seal of a marked
   * recording does (chain/older-chain.ts); one without it among marked ones had it taken out.
   */
  noteMark(state, v) {
    chainVersion(v) !== void 0 ? (!state.marked && state.unmarkedSeal && this.unmarked(state, state.unmarkedSeal), state.marked = !0, this.noteVersion(state, v), chainVersion(v) >= STAMPED_SEALS_VERSION && v.fields?.s === void 0 && this.breaks.push({ kind: "edited", file: v.file, line: v.line, rec: state.rec, detail: UNSTAMPED_SEAL }), this.checkTag(state, v)) : state.marked ? this.unmarked(state, v) : state.unmarkedSeal ??= v;
  }
  /**
   * A keyed seal of v=3 or later, with the key: its `e=` must bind its own line (chain/seal-tag.ts), else the line
   * was rewritten (its s=, its v=, its place or stamp) or made without the key. One that holds proves the recording.
   */
  checkTag(state, v) {
    let key2 = this.options.key;
    if (key2 === void 0 || v.fields?.chain !== KEYED_CHAIN || !(chainVersion(v) >= TAGGED_SEALS_VERSION)) return;
    let e = v.fields.e, line3 = e === void 0 || !/^[0-9a-f]+$/.test(e) ? void 0 : withoutTag(v.text, e);
    if (line3 !== void 0 && sealTag(line3, key2, sealLogName(v.file)) === e) {
      state.proven = !0, this.held([v], !0);
      return;
    }
    this.breaks.push({ kind: "edited", file: v.file, line: v.line, rec: state.rec, detail: e === void 0 ? UNTAGGED_SEAL : BAD_TAG });
  }
  /** A start or seal's `v=` against the recording's (the first said): one that says another was rewritten (v=3 made v=2, to drop `s=`). */
  noteVersion(state, v) {
    let version = chainVersion(v);
    state.version === void 0 ? state.version = version : state.version !== version && this.breaks.push({ kind: "edited", file: v.file, line: v.line, rec: state.rec, detail: OTHER_VERSION });
  }
  unmarked(state, v) {
    this.breaks.push({ kind: "edited", file: v.file, line: v.line, rec: state.rec, detail: UNMARKED_SEAL });
  }
  /** An older reader's `lost` event no seal covered where its restarted chain would have (the rule verify applied before trust5). */
  uncoveredLost(state, lost) {
    state.keyed === !0 && this.options.key === void 0 || this.breaks.push({ kind: "forged event", file: lost.file, line: lost.line, rec: state.rec, detail: UNCOVERED_OLDER_LOST });
  }
  /**
   * The recording a printed line at `place` belongs to: the newest running there, but one not confirmed
   * (see `confirmed`: a start copied under another rec=, or one from before starts were sealed) does not
   * take the lines of a confirmed one, which are then checked by their hash as before it came.
   */
  current(place) {
    let states = this.running.get(place);
    if (states) {
      for (let i = states.length - 1; i >= 0; i--) if (states[i].confirmed) return states[i];
      return states[states.length - 1];
    }
  }
  run(state) {
    let states = this.running.get(state.place) ?? [];
    states.push(state), this.running.set(state.place, states), this.markShared(state.place);
  }
  /** Recordings running at `place` that count toward sharing it (see `confirmed`). */
  confirmedAt(place) {
    return this.running.get(place)?.filter((other) => other.confirmed).length ?? 0;
  }
  /**
   * Whether `other`, running at `state`'s place, makes it shared. Under the key a keyed recording's seals are
   * anyone's to check, a plain recording's anyone's to make: a plain one made up at a keyed one's place (a start
   * and its seal, a last seal and a stop: a SHA-256 chain) would switch its hash checks off, and with them the
   * digests of rotated files its chain holds (review of digest13s). Only a recording whose seals hold under the
   * key shares a keyed one's place, or a plain one that was running there before it started: a pane's reader
   * draining while the next one starts, once a key was configured between them (a key is configured, not taken
   * away, so the plain one is the older). A keyed one that started first is not shared by a plain one that
   * started after: the printed lines go to that newest, and the keyed seals are hashed over what is left.
   */
  sharesWith(state, other) {
    if (other === state || !other.confirmed) return !1;
    if (state.keyed !== !0 || this.options.key === void 0 || other.keyed === !0) return !0;
    let states = this.running.get(state.place) ?? [];
    return states.indexOf(other) < states.indexOf(state);
  }
  /** Another recording running at `state`'s place shares it (see sharesWith). */
  sharedNow(state) {
    return state.confirmed && (this.running.get(state.place) ?? []).some((other) => this.sharesWith(state, other));
  }
  /** Confirmed recordings running at one place: each one another shares (see sharesWith) has its seals checked by links only until it runs alone again. */
  markShared(place) {
    for (let state of this.running.get(place) ?? []) this.sharedNow(state) && (state.shared = !0);
  }
  confirm(state) {
    state.keyed === !0 && this.options.key !== void 0 && (state.proven = !0), !state.confirmed && (state.confirmed = !0, this.markShared(state.place));
  }
  leave(state) {
    let states = this.running.get(state.place), at = states?.indexOf(state) ?? -1;
    at < 0 || (states.splice(at, 1), states.length === 0 && this.running.delete(state.place));
  }
  externalEvent(state, v, what) {
    if (!(state.ended && state.lastSeal?.fields?.end === "1" && !state.stopped && !state.externalStop) && (state.ended || state.stopped || state.externalStop)) {
      this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec: state.rec, detail: `a stop (reason=${what}) of a recording that had ended` });
      return;
    }
    state.externalStop = what, this.leave(state), this.checkExternalStop(state, v, what);
  }
  /**
   * A dead reader's stop is bound to its chain (chain/external-stop.ts): it
   * names the last seal on disk, and what follows that seal is no more than
   * a reader leaves unsealed. Else the recording was cut, rewritten or
   * invented and closed with a stop of the cutter's making.
   */
  checkExternalStop(state, v, what) {
    let p = v.fields?.p, h = v.fields?.h, at = { file: v.file, line: v.line, rec: state.rec }, key2 = this.options.key, away = v.fields?.away, bound = (hash) => {
      if (key2 !== void 0 && externalStopHash(p, state.rec, what, key2, away) === hash) return state.proven = !0;
      if (state.keyed === !0) return key2 === void 0 && /^[0-9a-f]+$/.test(hash);
      if (state.keyed === void 0 && key2 !== void 0) return !1;
      let unknown = state.keyed === void 0 ? keylessStop(p, state.rec, what, hash, away) : externalStopHash(p, state.rec, what, void 0, away) === hash ? "plain" : void 0;
      return unknown === void 0 ? !1 : (state.keyed = unknown === "keyed", state.keyed && (state.keylessStop = v), !0);
    };
    if (p === void 0 || h === void 0 || !/^[0-9a-f]+$/.test(p) || !bound(h)) {
      this.breaks.push({ ...at, kind: "forged event", detail: `a stop (reason=${what}) not bound to the recording's chain (${p === void 0 || h === void 0 ? "no p= and h=" : "its h does not hold"})` });
      return;
    }
    let unknownStart = state.startMissing && state.seals === 0, gone = awayStopDetail(v, what, state.links.some((link) => link.h === p));
    if (gone !== void 0) {
      this.breaks.push({ ...at, ...gone });
      return;
    }
    if (p !== GENESIS && !unknownStart && !state.links.some((link) => link.h === p)) {
      let crosses = state.lastSeal !== void 0 && state.lastSeal.file !== v.file;
      this.breaks.push({
        ...at,
        kind: crosses ? "missing file" : "truncated",
        detail: `the stop (reason=${what}) names a seal (${p}) that is not in the log: ${crosses ? "a file of the log removed?" : "the recording's end was cut"}`
      });
      return;
    }
    if (state.shared) return;
    let long = unsealedTail(state.segment, `before a stop (reason=${what})`);
    long && this.breaks.push({ ...at, kind: "truncated", detail: `${long}: the recording was cut or rewritten` });
  }
  seal(state, v) {
    let n = Number(v.fields?.n), p = v.fields?.p ?? "", h = v.fields?.h ?? "", s = v.fields?.s;
    if (!Number.isSafeInteger(n) || n < 0 || !/^[0-9a-f]+$/.test(h) || !/^[0-9a-f]+$/.test(p) || s !== void 0 && !/^\d{1,16}$/.test(s) || v.fields?.t !== void 0 && sealInstant(v.fields) === void 0) {
      this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec: state.rec, detail: "a seal that is not one" });
      return;
    }
    if (v.place !== state.place) {
      this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec: state.rec, detail: `a seal at ${v.place}, not at the recording's place ${state.place}` });
      return;
    }
    if (state.ended || state.awaitingStop) {
      this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec: state.rec, detail: "a seal after the recording's last seal" });
      return;
    }
    state.firstSeal ??= v, this.noteMark(state, v), s !== void 0 && (state.startAt === void 0 ? state.startAt = Number(s) : state.startAt !== Number(s) && this.breaks.push({ kind: "edited", file: v.file, line: v.line, rec: state.rec, detail: "a seal that says another start time than the recording's other seals" }));
    let keyed = v.fields?.chain === KEYED_CHAIN;
    if (state.firstLine ??= v, state.keyed === void 0 ? state.keyed = keyed : (state.legacyKeyed ? !1 : state.keyed) !== keyed && this.breaks.push({ kind: "edited", file: v.file, line: v.line, rec: state.rec, detail: `a seal ${keyed ? "under a key" : "without a key"} in a recording chained ${state.keyed ? "under one" : "without one"}` }), v.fields?.end === "stop") {
      state.awaitingStop = v;
      return;
    }
    this.check(state, v);
  }
  /** Checks a seal against the recording's lines since the last one. */
  check(state, v) {
    let n = Number(v.fields.n), p = v.fields.p, h = v.fields.h, segment = state.segment, lost = state.lost, blind = state.keyed === !0 && this.options.key === void 0, key2 = state.keyed ? this.options.key : void 0, coversLost = lost !== void 0 && n >= 1 && segment.length >= n - 1 && (blind ? segment.length !== n : this.holdsFor([lost, ...segment.slice(segment.length - (n - 1))], p, h, key2)), prunedStretch = v.fields?.more === "1" && state.startMissing && !state.confirmed && state.relost === void 0 && p !== state.prev, linkOnly = !coversLost && ((state.startMissing && state.seals === 0 || lost !== void 0 && state.sealsSinceLost === 0) && segment.length < n || prunedStretch);
    if (linkOnly && state.startMissing && state.seals === 0 && segment[0] !== void 0 && segment[0].file !== this.files[0]) {
      let long = unsealedTail(segment, "of a recording whose start is in no file read, after the oldest file");
      long && this.breaks.push({ kind: "inserted", ...span(segment[0], v), rec: state.rec, detail: long });
    }
    coversLost ? (state.unsealed += segment.length - (n - 1), segment = [lost, ...segment.slice(segment.length - (n - 1))], state.lost = void 0) : linkOnly ? (state.unsealed += segment.length, segment = []) : state.resync && lost === void 0 && segment.length > n && (state.unsealed += segment.length - n, segment = segment.slice(segment.length - n)), lost && state.sealsSinceLost++;
    let first = segment[0] ?? v, expectedPrev = coversLost || prunedStretch || lost !== void 0 && state.sealsSinceLost === 1 ? void 0 : state.prev ?? (state.resync ? void 0 : GENESIS), exact = coversLost || !linkOnly && segment.length === n && (blind || this.holdsFor(segment, p, h, key2)), holds3 = exact || linkOnly || state.shared;
    if (!state.keyed && exact && !coversLost ? state.heldPlain = !0 : !holds3 && state.keyed === !1 && !state.heldPlain && this.options.key !== void 0 && segment.length === n && this.holdsFor(segment, p, h, this.options.key) && (state.keyed = !0, state.legacyKeyed = !0, holds3 = !0, exact = !0), exact && (this.confirm(state), this.held(segment), state.keyed === !0 && !blind && !coversLost && this.options.key !== void 0 && this.keyedHeld++, !blind && (this.options.key === void 0 || state.keyed === !0) && this.chainedDigests(segment), !blind && !coversLost))
      for (let line3 of [...segment, v]) line3.event === "seal" && Number.isFinite(line3.ms) && !(line3.ms >= (this.earliestHashedSealMs ?? 1 / 0)) && (this.earliestHashedSealMs = line3.ms);
    state.shared && (state.sharedLines += n);
    let linked = expectedPrev === void 0 || expectedPrev === p;
    state.links.push({ p, h: h.slice(0, LINK_HEX) });
    let from = state.lastSeal ?? first, crossesFile = from.file !== v.file, lastLine = segment[segment.length - 1], end = lastLine && lastLine.file === v.file && lastLine.line > v.line ? lastLine : v, stretch = { ...span(first, end), rec: state.rec };
    if (linked) {
      if (!holds3) {
        let found = this.mismatch(segment, n, p, h, key2);
        found.kind === "deleted" && crossesFile && n - segment.length > 1 ? this.breaks.push({ ...stretch, kind: "missing file", detail: `${found.detail}, in a stretch that crosses from ${from.file} into another file (a file of the log removed?)` }) : this.breaks.push({ ...stretch, ...found });
      }
    } else {
      state.linkBreaks.push(this.breaks.length);
      let only = state.shared || blind ? void 0 : this.onlySealGone(segment, n, expectedPrev, p, key2), acrossFiles = only !== void 0 && segment[only - 1].file !== (segment[only] ?? v).file;
      if (only !== void 0) {
        let after = segment[only] ?? v, before2 = segment[only - 1], unchecked = segment.length - only;
        this.breaks.push({
          kind: acrossFiles ? "missing file" : "deleted",
          ...span(after, end),
          rec: state.rec,
          detail: `${acrossFiles ? `the seal between ${before2.file}:${before2.line} and this line is gone (a file of the log that held only it removed, or cut from the end of one?)` : "the seal before this line is gone"}: the ${only} line(s) before it hold against the link the next seal names; the ${unchecked} line(s) from here to that seal are not checked (it hashes the removed seal's own line): what else went or changed among them is not known`
        });
      } else {
        let unchecked = `the ${segment.length} line(s) from ${first.file === v.file ? `line ${first.line}` : `${first.file}:${first.line}`} to this seal are not checked`;
        this.breaks.push({
          ...stretch,
          kind: crossesFile ? "missing file" : "deleted",
          detail: crossesFile ? `the seals between ${from.file}:${from.line} and here are gone (a file of the log removed?): ${unchecked}` : `a seal and the lines before it are gone (or lines around it changed too): ${unchecked}`
        });
      }
    }
    state.seals++, state.lastFile = v.file, state.prev = h.slice(0, LINK_HEX), state.segment = v.fields?.end === void 0 ? [v] : [], state.resync = state.lost !== void 0, state.lastSeal = v, state.shared = this.sharedNow(state), !state.shared && (this.running.get(state.place)?.length ?? 0) <= 1 && this.stamps.alone(state.place), v.fields?.end !== void 0 && (state.ended = !0, this.leave(state));
  }
  /**
   * In a stretch written again after a `lost` event that never closed: its first `more=1` seal whose
   * link is to no seal in the log (the one between taken out), if any.
   */
  removedStretchSeal(state) {
    if (state.relost === void 0 || state.lastSeal === void 0) return;
    let rewritten = state.segment.find((line3) => line3.event === "seal" && line3.fields?.more === "1" && line3.fields.p !== void 0 && !state.links.some((link) => link.h === line3.fields.p));
    if (rewritten) return rewritten;
    if (!state.segment.some((line3) => line3.event === "seal" && line3.fields?.end !== void 0)) return;
    let oldLast = state.lastSeal.fields?.p, from = state.segment.findIndex((line3) => line3.event === "seal" && oldLast !== void 0 && line3.fields?.h?.slice(0, LINK_HEX) === oldLast) + 1;
    return state.segment.slice(from).find((line3) => line3.event === "seal" && line3 !== state.lastSeal);
  }
  /** The `digest` events among `lines`, held by their seal's hash: the last one read of a name is its file's (a name used again is a later file). */
  chainedDigests(lines) {
    for (let line3 of lines) {
      if (line3.event !== DIGEST_EVENT) continue;
      let found = chainedDigest(line3);
      found && this.digests.set(found.rotated, found.digest);
    }
  }
  /** Lines a seal vouches for by its hash: the earliest of their stamps is where the log read begins (see earliestHeldMs). */
  held(lines, byTag = !1) {
    for (let line3 of lines)
      Number.isFinite(line3.ms) && (line3.ms >= (this.earliestHeldMs ?? 1 / 0) || (this.earliestHeldMs = line3.ms), !byTag && !(line3.ms >= (this.earliestHashedMs ?? 1 / 0)) && (this.earliestHashedMs = line3.ms));
  }
  /** Whether `lines` hash to the seal's h. */
  holdsFor(lines, p, h, key2) {
    let hash = new SegmentHash(p, key2);
    for (let line3 of lines) hash.add(line3.text);
    return hash.digest() === h;
  }
  /**
   * Where a segment whose seal names an unknown link (`p`) had a seal taken out and nothing else: the seal that came
   * after its first `k` lines (returned) linked from `prev`, and the seal read covers the removed seal's own line and
   * its last n-1 lines. Known by the link alone (its first LINK_HEX digits of the removed seal's h, under the key when
   * keyed): those k lines hold as written. Undefined when they do not (lines removed too, or changed).
   */
  onlySealGone(segment, n, prev, p, key2) {
    let k = segment.length - (n - 1);
    if (!(k >= 1 && k <= SEAL_EVERY && n >= 1)) return;
    let hash = new SegmentHash(prev, key2);
    for (let line3 of segment.slice(0, k)) hash.add(line3.text);
    return hash.digest().slice(0, LINK_HEX) === p ? k : void 0;
  }
  /** What a segment that does not hash to its seal most likely went through. */
  mismatch(segment, n, p, h, key2) {
    let have = segment.length;
    if (have > n) return { kind: "inserted", detail: `${have - n} line(s) more than the seal covers (${n})` };
    if (have < n) return { kind: "deleted", detail: `${n - have} line(s) fewer than the seal covers (${n})` };
    for (let i = 1; i < segment.length; i++) {
      if (!(segment[i].ms < segment[i - 1].ms)) continue;
      let byStamp = { kind: "reordered", detail: `line ${segment[i].line} is stamped earlier than the line before it`, hint: [segment[i - 1].file, segment[i].file] }, places = this.options.holdsOnly ? void 0 : lineMovesByStamp(segment.map((line3) => line3.ms));
      if (places === void 0) return byStamp;
      let notSearched = (why) => ({ kind: "edited", detail: `the ${n} line(s) the seal covers are not as written (line ${segment[i].line} is stamped earlier than the line before it: edited, or moved; not searched, ${why})` }), left = Math.floor(8e6 / segment.length);
      for (let place of places) {
        if (left-- <= 0) return notSearched(`the stretch is too long to search (${segment.length} lines)`);
        if (!this.rearrange.take(segment.length)) return notSearched(SEARCH_SPENT);
        if (this.holdsFor(orderOf(segment, place), p, h, key2)) return { kind: "reordered", detail: `line ${segment[place.line].line} belongs ${place.line < place.to ? "after" : "before"} line ${segment[place.to].line}`, hint: [segment[place.line].file, segment[place.to].file] };
      }
      let other = this.reorderThatHolds(segment, p, h, key2);
      return other === void 0 ? { kind: "edited", detail: `the ${n} line(s) the seal covers are not as written (line ${segment[i].line} is stamped earlier than the line before it, and no move of one line makes the seal hold: changed in place)` } : "spent" in other ? notSearched(SEARCH_SPENT) : { kind: "reordered", ...other };
    }
    let moved = this.options.holdsOnly ? void 0 : this.reorderThatHolds(segment, p, h, key2);
    return moved && "spent" in moved ? { kind: "edited", detail: `the ${n} line(s) the seal covers are not as written (edited, or moved: not searched, ${SEARCH_SPENT})` } : moved ? { kind: "reordered", ...moved } : { kind: "edited", detail: `the ${n} line(s) the seal covers are not as written` };
  }
  /**
   * Stamps do not tell a move apart from an edit when the lines share a
   * stamp (a flood's read has one). Tries the moves a person makes: two of
   * the segment's files swapped (mv of rotated files), two neighbouring lines
   * swapped; says which one makes the seal hold, if any. The segment holds
   * only this recording's lines, so a swap of two files of which one holds
   * none of them (the other recording's lines fill it) shows here as one
   * file's piece moved past others, not as two pieces swapped: moves are
   * tried too (chain/segment-moves.ts).
   */
  reorderThatHolds(segment, p, h, key2) {
    let budget = this.rearrange, spent = !1, left = Math.floor(8e6 / segment.length), holdsFor = (lines) => left <= 0 || spent ? !1 : (left--, budget.take(lines.length) || (spent = !0), !spent && this.holdsFor(lines, p, h, key2)), pieces = [];
    for (let line3 of segment) {
      let last = pieces[pieces.length - 1];
      last && last[0].file === line3.file ? last.push(line3) : pieces.push([line3]);
    }
    let rearranged = pieceRearrangementThatHolds(pieces.length, (order) => !spent && holdsFor(order.flatMap((at) => pieces[at])), left);
    if (rearranged) {
      let [a, b] = rearranged.pieces.map((at) => pieces[at][0].file), hint = rearranged.pieces.map((at) => pieces[at][0].file);
      return rearranged.kind === "swap" ? { detail: `${a} and ${b} are in each other's place`, hint } : { detail: `the lines in ${a} belong ${rearranged.kind} those in ${b} (a file between was swapped with it?)`, hint };
    }
    if (segment.length <= 2e3 && !spent) {
      left = segment.length;
      let lines = [...segment];
      for (let i = 0; i + 1 < lines.length && !spent; i++) {
        if ([lines[i], lines[i + 1]] = [lines[i + 1], lines[i]], holdsFor(lines)) return { detail: `lines ${segment[i].line} and ${segment[i + 1].line} are in each other's place` };
        [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      }
    }
    return spent ? { spent: !0 } : void 0;
  }
  /**
   * Whether a recording's seals, whose links break in file order, make one
   * whole chain in another order: its files (or stretches) were reordered,
   * nothing removed.
   */
  chainsInAnotherOrder(state) {
    let byLink = /* @__PURE__ */ new Map();
    for (let [i, link] of state.links.entries()) {
      if (byLink.has(link.p)) return !1;
      byLink.set(link.p, i);
    }
    let hashes = new Set(state.links.map((link) => link.h)), heads = state.links.filter((link) => !hashes.has(link.p));
    if (heads.length !== 1 || !state.startMissing && heads[0].p !== GENESIS) return !1;
    let seen = 0;
    for (let at = byLink.get(heads[0].p); at !== void 0 && seen <= state.links.length; at = byLink.get(state.links[at].h)) seen++;
    return seen === state.links.length;
  }
  /**
   * A recording whose start is in no file read is taken as one whose start was pruned (or is in a file
   * not named) only if its seals say it started before the log read began (its earliest line a seal vouches
   * for by its hash: earliestHeldMs; nothing a planted file or an edited leftover line says): a start cut out of a
   * later file, with its first seal and the lines before the next one (which that seal, checked by links
   * only, then no longer vouches for), is `deleted` (issue 13 review of fixtrust7, finding 3). Lines are
   * stamped when read and may be written a little later (a hold, the writer's gathering): START_SLACK_MS.
   * Seals without `s=` (older readers) are taken as before.
   */
  startCutOut(state) {
    if (!state.startMissing || state.startAt === void 0 || this.earliestHeldMs === void 0 || state.openedBySealedLost || state.startAt < this.earliestHeldMs + START_SLACK_MS) return;
    let at = state.firstLine;
    this.breaks.push({
      kind: "deleted",
      file: at?.file ?? "",
      line: at?.line ?? 0,
      rec: state.rec,
      detail: `its start is not in the log, yet its seals say it started at ${new Date(state.startAt).toISOString()}, after the earliest line of the log a seal vouches for: the start was taken out, with the lines its first seal here no longer vouches for`
    });
  }
  /** A recording whose start is in no file read, whose first seal was written into a file since pruned (chain/replayed-seal.ts). */
  replayed(state) {
    if (!state.startMissing || state.firstSeal === void 0) return;
    let headed = this.heads.startOf(this.files[0]), detail;
    headed !== void 0 || this.oldestFirstMs !== void 0 ? detail = replayedSeal(state.firstSeal, headed ?? Math.min(this.oldestFirstMs, this.earliestHashedMs ?? 1 / 0)) : this.oldestUntimed && this.earliestHashedSealMs !== void 0 && state.firstSeal.file === this.files[0] && (this.oldestFirstLine === void 0 || state.firstSeal.line < this.oldestFirstLine) && (detail = replayedSeal(state.firstSeal, this.earliestHashedSealMs, 7e4)), detail && this.breaks.push({ kind: "forged event", file: state.firstSeal.file, line: state.firstSeal.line, rec: state.rec, detail });
  }
  /** The report, once every file has been pushed. */
  /** A break of recording `rec` named at the line `at` (none: a recording with no line read, named at no place). */
  breakAt(kind, at, rec, detail) {
    this.breaks.push({ kind, file: at?.file ?? "", line: at?.line ?? 0, rec, detail });
  }
  finish() {
    let chains = [...this.recordings.values()].map((state) => state.keyed);
    this.breaks.push(...this.heads.breaks(this.files, chains.includes(!1) && !chains.includes(!0)));
    for (let state of this.recordings.values())
      if (!(state.linkBreaks.length === 0 || !this.chainsInAnotherOrder(state)))
        for (let index of state.linkBreaks) {
          let found = this.breaks[index];
          this.breaks[index] = { ...found, kind: "reordered", detail: "the seals chain up in another order: files or stretches of the log were moved" };
        }
    let logOf = (rec) => this.options.liveLogs?.get(rec), unseen = new Set([...this.options.live ?? []].filter((rec) => !this.recordings.has(rec) && (logOf(rec) === void 0 || this.files[0] === void 0 || sameLog(logOf(rec), this.files[0])))), running2 = [];
    for (let [place, lines] of this.orphans) {
      let owner = runningOwner(lines, unseen, this.options.now), unproven = owner !== void 0 && this.options.requireKey && this.options.key !== void 0 ? runningSealProblem(this.options.liveSeals?.get(owner), owner, place, lines, this.options.key) : void 0;
      if (unproven !== void 0) {
        this.breaks.push({ kind: "unkeyed", file: lines[0].file, line: lines[0].line, rec: owner, detail: unproven });
        continue;
      }
      if (owner !== void 0) {
        running2.push({ rec: owner, place, lines: lines.length, seals: 0, unsealed: lines.length, ending: "open", startMissing: !0, sharedLines: 0, chain: void 0, olderLost: !1 });
        continue;
      }
      for (let v of lines)
        v.kind === "event" ? this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec: v.fields?.rec ?? "", detail: `${v.event ?? "an"} event of a recording whose start is in no file read, and no seal of it follows` }) : this.breaks.push({ kind: "inserted", file: v.file, line: v.line, rec: "", detail: `a line at ${place} where no recording is running` });
    }
    let recordings = running2;
    for (let state of this.recordings.values()) {
      if (state.keylessStop && !this.keyedChainSeen) {
        let v = state.keylessStop;
        this.breaks.push({ kind: "forged event", file: v.file, line: v.line, rec: state.rec, detail: `a stop (reason=${state.externalStop ?? v.fields?.reason ?? ""}) not bound to the recording's chain (its h does not hold, and nothing in the log is keyed)` }), state.keyed = !1;
      }
      if (state.pendingLost && this.settleLost(state, state.pendingLost), state.marked) {
        for (let lost of state.olderLost) this.breaks.push({ kind: "forged event", file: lost.file, line: lost.line, rec: state.rec, detail: UNSEALED_LOST_MARKED_LATER });
        state.olderLost = [];
      } else state.ended && state.lost !== void 0 && state.sealsSinceLost >= 2 && this.uncoveredLost(state, state.lost);
      this.startCutOut(state), this.replayed(state);
      let ending, tail = state.segment.length;
      if (state.awaitingStop) {
        ending = "truncated";
        let seal = state.awaitingStop;
        this.breaks.push({ kind: "truncated", file: seal.file, line: seal.line, rec: state.rec, detail: "the stop event the last seal covers is missing" });
      } else if (state.externalStop) ending = state.externalStop;
      else if (state.ended) ending = "sealed";
      else if (this.options.live?.has(state.rec)) {
        ending = "open";
        let long = state.shared ? void 0 : unsealedTail(state.segment, "of a running recording"), open2 = state.relost !== void 0 ? state.lastSeal : void 0;
        if (long) {
          let from = open2 ?? state.segment[0] ?? state.lastSeal, last = state.segment[state.segment.length - 1] ?? from;
          this.breaks.push({
            kind: "truncated",
            file: from?.file ?? "",
            line: from?.line ?? 0,
            ...last ? { endLine: last.line, ...last.file === from?.file ? {} : { endFile: last.file } } : {},
            rec: state.rec,
            detail: open2 ? `the stretch a lost event's seal opened here never closes: ${long} (no seal links to it: the event copied here, or its closing seal removed)` : `${long}: seals were removed`
          });
        }
      } else if (state.startMissing && state.seals === 0) {
        ending = "truncated";
        let first = state.segment[0];
        this.breakAt("forged event", first, state.rec, "events of a recording that has neither a start nor a seal");
      } else if (this.removedStretchSeal(state)) {
        ending = "truncated";
        let from = state.lastSeal, orphan = this.removedStretchSeal(state);
        this.breaks.push({
          kind: "deleted",
          file: from.file,
          line: from.line,
          endLine: orphan.line,
          ...orphan.file === from.file ? {} : { endFile: orphan.file },
          rec: state.rec,
          detail: "a seal of what its reader wrote again after a lost event is gone: the seal here links to one that is not in the log, and no seal closes the stretch"
        });
      } else {
        ending = "truncated";
        let last = state.segment[state.segment.length - 1] ?? state.lastSeal;
        this.breakAt("truncated", last, state.rec, tail > 0 ? `${tail} line(s) after the last seal, and no final seal` : "no final seal");
      }
      if (this.options.requireKey && state.keyed === !1) {
        let at = state.firstLine;
        this.breakAt("unkeyed", at, state.rec, "chained without the key (--require-key): whoever can write the log could have rewritten it and its seals");
      } else if (this.options.requireKey && state.sharedLines > 0) {
        let at = state.firstLine;
        this.breakAt("unkeyed", at, state.rec, `${state.sharedLines} line(s) checked by seal links only, not under the key (--require-key): another recording ran at its place`);
      } else if (this.options.requireKey && state.startMissing && !state.proven && ending !== "open") {
        let at = state.firstLine ?? state.segment[0];
        this.breakAt(
          "unkeyed",
          at,
          state.rec,
          "a recording whose start is in no file read, nothing of which holds under the key (--require-key): no seal by its hash or its own e= (a made-up one, a start cut out; or written by a tmux-audit before v=3, whose seals do not bind their own line)"
        );
      } else if (this.options.requireKey && ending === "open" && !(state.startMissing ? state.proven : state.confirmed) && !(state.startMissing && state.seals === 0 && sealNotDueYet(state.lines, (state.firstLine ?? state.segment[0])?.ms, this.options.now))) {
        let at = state.firstLine ?? state.segment[0];
        this.breakAt(
          "forged event",
          at,
          state.rec,
          state.startMissing ? "a running recording whose start is in no file read, none of whose seals holds under the key (--require-key): a reader pid and .run file prove nothing (a genuine one since v=3 binds each seal's own line under the key: e=)" : "a running recording none of whose seals holds under the key (--require-key): its reader seals its start at once"
        );
      }
      recordings.push({ rec: state.rec, place: state.place, lines: state.lines, seals: state.seals, unsealed: state.unsealed + tail, ending, startMissing: state.startMissing, sharedLines: state.sharedLines, chain: state.keyed === void 0 ? void 0 : state.keyed ? "hmac" : "sha256", olderLost: state.olderLost.length > 0 });
    }
    return { files: this.files.length, lines: this.lines, recordings, unchained: this.unchained, lost: this.removals.size, needKey: this.options.key === void 0 ? recordings.filter((r) => r.chain === "hmac").length : 0, unkeyed: this.options.key === void 0 ? 0 : recordings.filter((r) => r.chain === "sha256").length, olderLost: recordings.filter((r) => r.olderLost).length, keyedHeld: this.keyedHeld, marked: this.heads.marked(), digests: this.digests, breaks: this.breaks };
  }
};

// src/read/held-files.ts
var import_node_fs34 = __nodeBuiltin(require("node:fs")), import_node_path30 = __nodeBuiltin(require("node:path"));
function whichFile(stat) {
  return `${stat.dev}:${stat.ino}:${stat.birthtimeNs}`;
}
function asItWas(stat) {
  return stat.birthtimeNs > 0n ? whichFile(stat) : `${whichFile(stat)}:${stat.ctimeNs}`;
}
function asItIs(file) {
  try {
    return asItWas(import_node_fs34.default.lstatSync(file, { bigint: !0 }));
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
}
var ofFd = (fd) => import_node_fs34.default.fstatSync(fd, { bigint: !0 });
function lineEnd2(fd, size2) {
  let byte = Buffer.alloc(1);
  return size2 === 0 || import_node_fs34.default.readSync(fd, byte, 0, 1, size2 - 1) === 1 && byte[0] === 10 ? size2 : pastNewline(fd, size2, Math.min(import_node_fs34.default.fstatSync(fd).size, size2 + MAX_LINE));
}
function asText(file, fd, to, release3) {
  if (!file.endsWith(".gz")) return { fd, to, release: release3 };
  let text2;
  try {
    text2 = gunzippedText(file, fd);
  } finally {
    release3();
  }
  return { fd: text2, release: () => import_node_fs34.default.closeSync(text2) };
}
function textsByName() {
  let first = /* @__PURE__ */ new Map();
  return (file) => {
    let fd = openLogFile(file);
    try {
      let now = whichFile(ofFd(fd)), seen = first.get(file);
      if (seen === void 0)
        seen = { file: now, to: file.endsWith(".gz") ? void 0 : lineEnd2(fd, import_node_fs34.default.fstatSync(fd).size) }, first.set(file, seen);
      else if (seen.file !== now) throw new AuditError(`${file} was replaced by another file while verify read it (rotated?): not verified`, 2);
    } catch (error) {
      throw import_node_fs34.default.closeSync(fd), error;
    }
    return asText(file, fd, first.get(file).to, () => import_node_fs34.default.closeSync(fd));
  };
}
var TRIES = 50, HOLD_AT_MOST = 256, HEADROOM = 32;
function sameFiles(a, b) {
  return a.length === b.length && a.every((file, i) => file === b[i]);
}
function filesByLive(sets) {
  return new Map(sets.map((set) => [set.live, set.files.map((file) => file.path)]));
}
function takeListing(dir, names) {
  let first = names(dir), sets = logSets(dir, first), lives = /* @__PURE__ */ new Map();
  for (let set of sets) {
    let live = asItIs(import_node_path30.default.join(dir, set.live));
    live !== void 0 && lives.set(set.live, live);
  }
  let second = names(dir), again = sameFiles(first, second) ? sets : logSets(dir, second), files = filesByLive(again), before2 = again === sets ? files : filesByLive(sets), steady = /* @__PURE__ */ new Map();
  for (let [live, seen] of lives) {
    let now = files.get(live) ?? [];
    now.at(-1) === import_node_path30.default.join(dir, live) && sameFiles(before2.get(live) ?? [], now) && steady.set(live, seen);
  }
  return { sets: again, files, steady };
}
function filesWith(dir, live, liveFd, names) {
  let livePath = import_node_path30.default.join(dir, live), first = ownNames(dir, live, names), second = ownNames(dir, live, names), now = asItIs(livePath);
  if (!(liveFd === void 0 ? now === void 0 : now !== void 0 && now === asItWas(ofFd(liveFd))) || !sameFiles(first, second)) return;
  let files = filesByLive(logSets(dir, second)).get(live) ?? [];
  return files.includes(livePath) === (liveFd !== void 0) ? files : void 0;
}
function ownNames(dir, live, names) {
  return names(dir).filter((name) => name === live || name.startsWith(`${live}.`)).sort();
}
function readLog(dir, live, listing, names, read2) {
  let livePath = import_node_path30.default.join(dir, live), steady = listing.steady.get(live);
  for (let tried = 0; tried < TRIES; tried++) {
    let liveFd = openIfThere(livePath), taken;
    try {
      let files = steady !== void 0 && liveFd !== void 0 && asItWas(ofFd(liveFd)) === steady ? listing.files.get(live) : filesWith(dir, live, liveFd, names);
      if (steady = void 0, taken = files && take(files, livePath, liveFd), !taken) continue;
      let log = held(files, taken);
      try {
        return read2(log);
      } catch (error) {
        if (!log.changed()) throw error;
      }
    } finally {
      taken ? letGo(taken) : liveFd !== void 0 && import_node_fs34.default.closeSync(liveFd);
    }
  }
  throw new AuditError(`${livePath}: its files changed under verify ${TRIES} times in a row (rotated, compressed, removed): not verified`, 2);
}
function openIfThere(file) {
  try {
    return openLogFile(file);
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
}
function letGo(taken) {
  for (let fd of taken.fds.values()) import_node_fs34.default.closeSync(fd);
}
var outOfDescriptors = (error) => ["EMFILE", "ENFILE"].includes(error.code ?? "");
function failure(error) {
  let said = error.code ?? error.message;
  return outOfDescriptors(error) ? `${said} (too many open files: raise the limit, ulimit -n)` : said;
}
function take(files, livePath, liveFd) {
  let taken = { fds: /* @__PURE__ */ new Map(), known: /* @__PURE__ */ new Map() }, order = files.filter((file) => file !== livePath).reverse(), holding = !0;
  try {
    for (let file of order) {
      if (holding && taken.fds.size + 1 < HOLD_AT_MOST)
        try {
          taken.fds.set(file, openLogFile(file));
          continue;
        } catch (error) {
          if (error.code === "ENOENT") {
            letGo(taken);
            return;
          }
          if (!outOfDescriptors(error)) throw error;
          holding = !1;
          for (let [held2, fd] of [...taken.fds].slice(-HEADROOM))
            taken.known.set(held2, asItWas(ofFd(fd))), import_node_fs34.default.closeSync(fd), taken.fds.delete(held2);
        }
      let now = asItIs(file);
      if (now === void 0) {
        letGo(taken);
        return;
      }
      taken.known.set(file, now);
    }
  } catch (error) {
    throw letGo(taken), error;
  }
  return liveFd !== void 0 && taken.fds.set(livePath, liveFd), taken;
}
function held(files, taken) {
  let sizes = new Map([...taken.fds].filter(([file]) => !file.endsWith(".gz")).map(([file, fd]) => [file, import_node_fs34.default.fstatSync(fd).size])), ends2 = /* @__PURE__ */ new Map(), byName = textsByName(), changed = !1;
  return { files, text: (file) => {
    let fd = taken.fds.get(file);
    if (fd !== void 0) {
      let size2 = sizes.get(file);
      return size2 !== void 0 && !ends2.has(file) && ends2.set(file, lineEnd2(fd, size2)), asText(file, fd, ends2.get(file), () => {
      });
    }
    let known2 = taken.known.get(file);
    if (known2 === void 0) return byName(file);
    let opened;
    try {
      opened = openLogFile(file);
    } catch (error) {
      throw error.code !== "ENOENT" ? error : (changed = !0, new AuditError(`${file} was removed while verify read its log`, 2));
    }
    if (asItWas(ofFd(opened)) !== known2)
      throw import_node_fs34.default.closeSync(opened), changed = !0, new AuditError(`${file} was replaced while verify read its log`, 2);
    return asText(file, opened, void 0, () => import_node_fs34.default.closeSync(opened));
  }, changed: () => changed, close: () => letGo(taken) };
}

// src/commands/verify-notes.ts
var import_node_fs35 = __nodeBuiltin(require("node:fs")), import_node_path31 = __nodeBuiltin(require("node:path"));
function notedEnds(files, runs) {
  let first = files[0];
  if (first === void 0) return [];
  let live = import_node_path31.default.join(import_node_path31.default.dirname(first), sealLogName(first)), byIdentity, fileOf = (identity2) => (byIdentity ??= identities(files), byIdentity.get(identity2)), found = [];
  for (let { runFile, recording } of runs) {
    if (!sameLog(recording.file, live)) continue;
    let note = readSealNote(runFile);
    if (note.file === void 0 || note.offset === void 0 || note.line === void 0 || note.file.endsWith(":0")) continue;
    let file2 = fileOf(note.file);
    if (file2 === void 0) continue;
    let cut2 = sealGone(file2, note.file, note.offset, note.line);
    cut2 !== void 0 && found.push({ ...cut2, rec: recording.id, detail: `${cut2.detail}: its running reader noted its last seal there (byte ${note.offset}), and the file was ${cut2.kind === "truncated" ? "cut" : "rewritten"} below it` });
  }
  let head = headNote(live), file = head === void 0 || head.endsWith(":0") ? void 0 : fileOf(head);
  return file !== void 0 && withNoted(file, head, (fd) => import_node_fs35.default.fstatSync(fd).size === 0) === !0 && found.push({ kind: "truncated", file, line: 1, rec: "", detail: `the file is empty, and the rotating writer noted (${headNotePath(live)}) a head mark written into it: emptied` }), found;
}
function removedRotated(files, key2, marked = []) {
  let first = files[0];
  if (first === void 0) return [];
  let dir = import_node_path31.default.dirname(first), liveName = sealLogName(first), live = import_node_path31.default.join(dir, liveName), there = (file) => {
    try {
      return import_node_fs35.default.lstatSync(file, { throwIfNoEntry: !1 }) !== void 0;
    } catch {
      return !0;
    }
  }, read2 = new Set(files.map((file) => import_node_path31.default.basename(file))), holding = new Set(marked.map((file) => import_node_path31.default.basename(file))), passedOver = /* @__PURE__ */ new Set(), rotation = (part) => {
    let name = [`${liveName}.${part}`, `${liveName}.${part}.gz`].find((candidate) => there(import_node_path31.default.join(dir, candidate))), size2 = 0;
    try {
      size2 = name === void 0 ? 0 : import_node_fs35.default.lstatSync(import_node_path31.default.join(dir, name)).size;
    } catch {
    }
    let counts = size2 > 0 && (key2 === void 0 || name === void 0 || !read2.has(name) || holding.has(name));
    return !counts && name !== void 0 && passedOver.add(name), counts;
  }, look = (names) => {
    let lines = ledgerLines(live);
    if (lines.length === 0) return [];
    let present = new Set(rotatedFiles(names, liveName).map((name) => rotatedPart(liveName, name)));
    return rotatedNotPruned(lines, live, present, key2, rotation).filter((name) => !there(`${live}.${name}`) && !there(`${live}.${name}.gz`));
  }, once2 = look([...read2]);
  if (once2.length === 0) return [];
  let again = new Set(look(import_node_fs35.default.readdirSync(dir))), planted = passedOver.size === 0 ? "" : `; not taken for a rotation that may have pruned it unsaid, having no line in the ledger and ${key2 ? "nothing in it, or no head mark that holds under the key" : "nothing in it"}: ${[...passedOver].sort().join(", ")} (planted?)`;
  return once2.filter((name) => again.has(name)).map((name) => ({
    kind: "missing file",
    file: `${live}.${name}`,
    line: 1,
    rec: "",
    detail: `a rotated file of the log is gone, and not by retention: the rotated-files ledger (${rotatedLedgerPath(live)}) notes its rotation and no pruning of it (@audit-max-files, @audit-max-age); removed or moved away by hand${planted}`
  }));
}
function shrunkRotated(files, held2, key2, digestOf2, chained = /* @__PURE__ */ new Map()) {
  let first = files[0];
  if (first === void 0) return [];
  let liveName = sealLogName(first), live = import_node_path31.default.join(import_node_path31.default.dirname(first), liveName), rotated = new Map(files.filter((file) => import_node_path31.default.basename(file) !== liveName && held2.has(file)).map((file) => [rotatedPart(liveName, import_node_path31.default.basename(file)), file]));
  if (rotated.size === 0) return [];
  let lines = ledgerLines(live), ledger = rotatedLedgerPath(live), sizes = rotatedSizes(lines, live, new Set(rotated.keys()), key2), digests = digestOf2 === void 0 ? /* @__PURE__ */ new Map() : rotatedDigests(lines, live, new Set(rotated.keys()), key2), found = [];
  for (let [name, file] of rotated) {
    let noted = sizes.get(name), bytes = held2.get(file), gunzipped = file.endsWith(".gz") ? " gunzipped" : "";
    if (noted !== void 0 && bytes < noted) {
      found.push({ kind: "truncated", file, line: 1, rec: "", detail: `the file holds ${bytes} byte(s)${gunzipped}, and the rotated-files ledger (${ledger}) notes ${noted} at its rotation: ${bytes === 0 ? "emptied" : "cut"} by hand (a rotated file is only appended to, compressed whole or pruned)` });
      continue;
    }
    if (digestOf2 === void 0) continue;
    let inLedger = digests.get(name), inChain = chained.get(name);
    inLedger !== void 0 && inChain !== void 0 && (inLedger.size !== inChain.size || inLedger.sha !== inChain.sha) && found.push({ kind: "edited", file: ledger, line: 1, rec: "", detail: `its digest line for ${import_node_path31.default.basename(file)} (${inLedger.size} byte(s), SHA-256 ${inLedger.sha.slice(0, 12)}\u2026) is not the digest the file's rotating writer put in its chain (${inChain.file}:${inChain.line}: ${inChain.size} byte(s), ${inChain.sha.slice(0, 12)}\u2026): the ledger was rewritten` });
    let digest = inChain ?? inLedger;
    if (digest === void 0 || digestOf2(file, digest.size) === digest.sha) continue;
    let short = bytes < digest.size, source = inChain === void 0 ? `the rotated-files ledger (${ledger}) notes` : `its rotating writer's chain holds (the digest event at ${inChain.file}:${inChain.line})`;
    found.push({
      kind: short ? "truncated" : "edited",
      file,
      line: 1,
      rec: "",
      detail: short ? `the file holds ${bytes} byte(s)${gunzipped}, and ${source} the digest of its first ${digest.size} at its rotation: ${bytes === 0 ? "emptied" : "cut"} by hand` : `the file's first ${digest.size} byte(s)${gunzipped} do not match the digest (SHA-256) ${source} at its rotation: rewritten by hand (a rotated file is only appended to, compressed whole or pruned)`
    });
  }
  return found;
}
function withNoted(file, identity2, look) {
  let fd;
  try {
    fd = openLogFile(file);
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
  try {
    return fileIdentity(import_node_fs35.default.fstatSync(fd)) === identity2 ? look(fd) : void 0;
  } finally {
    import_node_fs35.default.closeSync(fd);
  }
}
function identities(files) {
  let byIdentity = /* @__PURE__ */ new Map();
  for (let file of files)
    if (!file.endsWith(".gz"))
      try {
        byIdentity.set(fileIdentity(import_node_fs35.default.lstatSync(file)), file);
      } catch {
      }
  return byIdentity;
}
function sealGone(file, identity2, offset, line3) {
  return withNoted(file, identity2, (fd) => {
    if (holdsAt(fd, offset, line3)) return;
    let size2 = import_node_fs35.default.fstatSync(fd).size, short = size2 < offset + Buffer.byteLength(line3);
    return { kind: short ? "truncated" : "edited", file, line: linesBefore(fd, Math.min(size2, offset)) + 1, detail: short ? `the file holds ${size2} bytes` : "the bytes there are not its line" };
  });
}
function linesBefore(fd, size2) {
  let piece = Buffer.allocUnsafe(Math.min(Math.max(size2, 1), 1048576)), lines = 0;
  for (let at = 0; at < size2; ) {
    let read2 = import_node_fs35.default.readSync(fd, piece, 0, Math.min(piece.length, size2 - at), at);
    if (read2 === 0) break;
    for (let i = piece.indexOf(10, 0); i >= 0 && i < read2; i = piece.indexOf(10, i + 1)) lines++;
    at += read2;
  }
  return lines;
}
function headNote(live) {
  try {
    let [identity2] = readPrivateFile(headNotePath(live)).trim().split(" ");
    return identity2 !== void 0 && /^\d+:\d+:\d+$/.test(identity2) ? identity2 : void 0;
  } catch {
    return;
  }
}

// src/commands/verify.ts
function eachLineOfFile(file, take2, textOf = textsByName()) {
  let { fd, to, release: release3 } = textOf(file), cut2 = { at: -1, torn: !1 };
  try {
    forEachPiece(fd, (buffer, end, offset) => {
      if (offset === cut2.at) return take2(buffer.toString("utf8", 0, cut2.torn ? end - 1 : end), !0);
      for (let at = 0; at < end; ) {
        let newline = buffer.indexOf(10, at), to2 = newline < 0 || newline >= end ? end : newline + 1;
        if (take2(buffer.toString("utf8", at, to2)) === !1) return !1;
        at = to2;
      }
      return !0;
    }, 0, to, (at, torn) => {
      cut2 = { at, torn };
    });
  } finally {
    release3();
  }
}
function eachLineOfText(text2, take2) {
  for (let at = 0; at < text2.length; ) {
    let end = text2.indexOf(`
`, at), to = end < 0 ? text2.length : end + 1;
    if (take2(text2.slice(at, to)) === !1) return;
    at = to;
  }
}
function livingRuns(dir) {
  let runDir = import_node_path32.default.join(dir, ".run"), names;
  try {
    names = import_node_fs36.default.readdirSync(runDir);
  } catch {
    return [];
  }
  let runs = [];
  for (let name of names) {
    if (!name.endsWith(".json")) continue;
    let runFile = import_node_path32.default.join(runDir, name);
    try {
      if (livingReader(runFile) === void 0) continue;
      runs.push({ runFile, recording: readRecording(runFile) });
    } catch {
    }
  }
  return runs;
}
function verifyFiles(files, timeFormat, options, textOf = textsByName()) {
  let held2 = /* @__PURE__ */ new Map(), opened = (file) => {
    let text2 = textOf(file);
    try {
      held2.set(file, text2.to ?? import_node_fs36.default.fstatSync(text2.fd).size);
    } catch (error) {
      throw text2.release(), error;
    }
    return text2;
  }, each = (file, take2) => {
    let taking = !1;
    try {
      eachLineOfFile(file, (line3, cut2) => {
        taking = !0;
        let verdict = take2(line3, cut2);
        return taking = !1, verdict;
      }, opened);
    } catch (error) {
      throw taking || error instanceof AuditError ? error : new AuditError(`cannot read ${file}: ${failure(error)}`, 2);
    }
  }, digestOf2 = prefixDigests(textOf);
  return { ...verifyLines(files, each, timeFormat, { prefixDigest: digestOf2, ...options }), held: held2, digestOf: digestOf2 };
}
function prefixDigests(textOf) {
  let known2 = /* @__PURE__ */ new Map();
  return (file, size2) => {
    let key2 = `${size2}:${file}`;
    return known2.has(key2) || known2.set(key2, prefixDigest(file, size2, textOf)), known2.get(key2);
  };
}
function prefixDigest(file, size2, textOf) {
  let { fd, to, release: release3 } = textOf(file);
  try {
    if (to !== void 0 && size2 > to) return;
    let hash = (0, import_node_crypto15.createHash)("sha256"), piece = Buffer.allocUnsafe(Math.min(size2, 1 << 20));
    for (let at = 0; at < size2; ) {
      let read2 = import_node_fs36.default.readSync(fd, piece, 0, Math.min(piece.length, size2 - at), at);
      if (read2 === 0) return;
      hash.update(piece.subarray(0, read2)), at += read2;
    }
    return hash.digest("hex");
  } finally {
    release3();
  }
}
function verifyLines(files, each, timeFormat, given) {
  let options = given.rearrange === void 0 ? { ...given, rearrange: new RearrangeBudget() } : given, total = 0, untimed, parseLines = (file, push) => linesOf(file, (take2) => each(file, take2), timeFormat, (stamps) => untimed ??= stamps, push), kept = /* @__PURE__ */ new Map(), keyMatch = options.key === void 0 ? void 0 : new KeyMatch(options.key), removals = new RemovalCount(), report2 = runVerifier(files, (file, push) => {
    let lines = [];
    parseLines(file, (line3) => (keyMatch?.see(line3), removals.see(line3), total += line3.text.length, kept && total <= KEEP_PARSED_CHARS ? lines.push(line3) : kept = void 0, push(line3))), kept?.set(file, lines);
  }, options), parsed = (file, push) => {
    let lines = kept?.get(file);
    if (lines === void 0) return parseLines(file, push);
    for (let line3 of lines) if (push(line3) === !1) return;
  }, keyedHeld = report2.keyedHeld, mismatch = report2.breaks.length > 0 && keyedHeld === 0 ? keyMatch?.mismatch() : void 0;
  mismatch && (keyedHeld = runVerifier(files, (file, push) => parsed(file, (line3) => push(retagged(line3, options.key))), options).keyedHeld);
  let wrongKey = keyedHeld === 0 ? mismatch : void 0;
  if (wrongKey) {
    let without = verifyLines(files, each, timeFormat, { ...options, key: void 0 }), shown = report2.breaks.filter((found) => !markUnderWrongKey(found)), underKey = shown.slice(0, UNDER_WRONG_KEY).map((found) => ({ ...found, detail: `${UNDER_KEY}${found.detail}` })), more = shown.length - underKey.length;
    return more > 0 && underKey.push({ ...underKey[underKey.length - 1], detail: `${UNDER_KEY}and ${more} more break(s) like these` }), { ...without, breaks: [wrongKey, ...without.breaks, ...underKey] };
  }
  keyMatch?.renamedHint(keyedHeld) && (report2.breaks = report2.breaks.map((found) => found.detail === BAD_TAG ? { ...found, detail: `${BAD_TAG}; ${RENAMED_HINT}` } : found));
  let swap = renamedPair(files, report2, total, (order) => runVerifier(order, parsed, { ...options, holdsOnly: !0 }, !0).breaks.length === 0), lost = removals.count(report2.lost);
  if (!swap) return { ...report2, lost, untimed };
  let [a, b] = swap;
  return { ...report2, lost, untimed, breaks: [{ kind: "reordered", file: a, line: 1, rec: "", detail: `${a} and ${b} are in each other's place (renamed): in the other order the log verifies` }] };
}
var UNDER_WRONG_KEY = 10, UNDER_KEY = "if the key is the log's after all: ", KEEP_PARSED_CHARS = 8 * 1024 * 1024;
function liveSeals(runs, timeFormat) {
  let seals = /* @__PURE__ */ new Map();
  for (let { runFile, recording } of runs)
    try {
      let line3 = readSealNote(runFile).line, parsed = line3 === void 0 ? void 0 : notedSealLine(recording.file, line3, timeFormat);
      parsed !== void 0 && seals.set(recording.id, parsed);
    } catch {
    }
  return seals;
}
function notedSealLine(file, line3, timeFormat) {
  let first;
  return linesOf(file, (take2) => eachLineOfText(line3, take2), timeFormat, () => {
  }, (parsed) => (first = parsed, !1)), first;
}
function linesOf(file, each, timeFormat, untimed, push) {
  let reader, held2, seals = 0, sealInstants = 0, line3 = 0, emit = (whole, parsed, instants2) => {
    line3++;
    let timed = instants2 || whole.charCodeAt(0) === 123;
    return parsed && !timed && untimed(reader.timeFormat), push(
      parsed ? { file, line: line3, text: whole, place: placeOf(parsed), kind: parsed.kind, event: parsed.kind === "event" ? parsed.text : void 0, fields: parsed.fields, raw: parsed.kind === "event" ? parsed.raw : void 0, ms: timed && Number.isFinite(parsed.ms) ? parsed.ms : parsed.kind === "event" && parsed.text === "seal" ? sealInstant(parsed.fields) ?? Number.NaN : Number.NaN } : { file, line: line3, text: whole, ms: Number.NaN }
    );
  };
  if (each((whole, cut2) => {
    let ended = whole.endsWith(`
`) && !cut2;
    if (reader === void 0) {
      let first = ended ? whole.slice(0, -1) : whole, stock = new LineReader(DEFAULT_TIME_FORMAT), read2 = stock.read(first);
      reader = read2 && Number.isFinite(read2.ms) ? stock : readerFor(first, timeFormat), reader !== stock && reader.timeFormat !== DEFAULT_TIME_FORMAT && (held2 = []);
    }
    let parsed = ended ? reader.read(whole.slice(0, -1)) : void 0;
    if (!held2) return emit(whole, parsed, !0);
    parsed?.kind === "event" && parsed.text === "seal" && whole.charCodeAt(0) !== 123 && (seals++, sealInstant(parsed.fields) !== void 0 && sealInstants++), held2.push({ whole, parsed });
  }), !held2) return;
  let instants = seals > 0 ? sealInstants === 0 : stampsAreEpoch(reader.timeFormat);
  for (let { whole, parsed } of held2) if (emit(whole, parsed, instants) === !1) return;
}
function runVerifier(files, linesOf2, options, firstBreak = !1) {
  let verifier = new ChainVerifier(options);
  for (let file of files) {
    let stopped = !1;
    if (linesOf2(file, (line3) => (verifier.push(line3), stopped = firstBreak && verifier.broken, !stopped)), stopped) return verifier.finish();
  }
  return verifier.finish();
}
function breakLine(found) {
  let end = found.endLine === void 0 || found.endLine === found.line && !found.endFile ? "" : found.endFile ? ` to ${found.endFile}:${found.endLine}` : `-${found.endLine}`;
  return `${`${found.file}:${found.line}${end}`}: ${found.kind}${found.rec ? ` (rec ${found.rec})` : ""}: ${found.detail}
`;
}
function summaryLine(name, report2) {
  let count = (ending) => report2.recordings.filter((r) => r.ending === ending).length, seals = report2.recordings.reduce((sum, r) => sum + r.seals, 0), unsealedYet = report2.recordings.reduce((sum, r) => sum + (r.ending === "open" ? r.unsealed : 0), 0), unsealed = report2.recordings.reduce((sum, r) => sum + (r.ending === "open" ? 0 : r.unsealed), 0), shared = report2.recordings.reduce((sum, r) => sum + r.sharedLines, 0), notes = [
    count("open") > 0 ? `${count("open")} still recording` : "",
    count("reader-died") > 0 ? `${count("reader-died")} ended by a dead reader` : "",
    count("lost") > 0 ? `${count("lost")} closed as lost` : "",
    unsealedYet > 0 ? `${unsealedYet} line(s) no seal covers yet` : "",
    unsealed > 0 ? `${unsealed} line(s) no seal covers (a dead reader's last lines, lines around a removed log, before a pruned start's first seal)` : "",
    report2.recordings.some((r) => r.startMissing) ? `${report2.recordings.filter((r) => r.startMissing).length} started before the oldest file` : "",
    report2.unchained > 0 ? `${report2.unchained} event(s) from other processes` : "",
    report2.lost > 0 ? `${report2.lost} log file(s) removed while logging: what each held is gone, but for what its reader wrote again after the lost event` : "",
    report2.olderLost > 0 ? `${report2.olderLost} recording(s) written by an older tmux-audit: their lost events are checked the old way (unsealed; a lost event forged there ahead of a seal writes the lines that seal covers off as unsealed)` : "",
    report2.unkeyed > 0 ? `${report2.unkeyed} recording(s) not keyed: checked as plain SHA-256, not proved against the log's owner` : "",
    report2.needKey > 0 ? `${report2.needKey} recording(s) need the key (--key): their lines counted and seals linked, not hashed` : "",
    shared > 0 ? `${shared} line(s) checked by seal links only: two recordings at one place` : ""
  ].filter(Boolean);
  return `${report2.breaks.length === 0 ? "OK" : "TAMPERED"} ${name}: ${report2.files} file(s), ${report2.lines} lines, ${report2.recordings.length} recording(s), ${seals} seal(s)${report2.breaks.length > 0 ? `, ${report2.breaks.length} break(s)` : ""}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}
`;
}
function untimedWarning(format2) {
  return `the log's seals say their own instant (t=): its stamps (read with ${JSON.stringify(format2)}) hold no full date and UTC offset, so verify reads its times from the seals' t= only, and skips the checks that need a line's time (lines going back within a stretch, a dead reader's or a running recording's tail span, a recording moved at a shared place); a start cut out is checked against the earliest seal that holds, a seal replayed from a pruned file against the earliest seal that holds by its hash. Under the key a t= added or taken out is an edit (e=); without it, anyone who can write a plain log could add t= (as they could rewrite it)`;
}
function setsOfFiles(files) {
  let byDir = /* @__PURE__ */ new Map();
  for (let file of files) {
    let dir = import_node_path32.default.dirname(import_node_path32.default.resolve(file));
    byDir.set(dir, [...byDir.get(dir) ?? [], import_node_path32.default.basename(file)]);
  }
  let groups = [];
  for (let [dir, names] of byDir) {
    let sets = logSets(dir, names), covered = /* @__PURE__ */ new Set();
    for (let set of sets) {
      let paths = set.files.map((file) => file.path);
      for (let file of paths) covered.add(file);
      groups.push({ name: setName(set), files: paths });
    }
    for (let name of names) {
      let full = import_node_path32.default.join(dir, name);
      covered.has(full) || groups.push({ name, files: [full] });
    }
  }
  return groups;
}
function verifyCommand() {
  return whereOptions(new Command("verify")).description("check the logs against their hash chains: OK with counts, or each break (file, line, recording, kind); exit 0 clean, 1 tampered, 2 unreadable").argument("[files...]", "log files (default: every log in the directory, with its rotated files)").option("--key <file>", "the chain key (@audit-chain-key) the logs were written with").option("--require-key", "with --key: a recording chained without the key is a break (unkeyed)").option("--older", "logs written before chains were marked v=2: check their unsealed lost events the old, weaker way (a log owner can forge that shape)").option("--quiet", "print only breaks").action((files, options) => {
    let where = location(options);
    if (options.requireKey && options.key === void 0) throw new AuditError("--require-key needs --key <file>", 2);
    let key2;
    if (options.key !== void 0)
      try {
        key2 = import_node_fs36.default.readFileSync(options.key);
        let loose = keyFileWarning(options.key);
        loose && process.stderr.write(`tmux-audit: ${loose}
`);
      } catch (error) {
        throw new AuditError(`cannot read the key ${options.key}: ${error.code ?? error.message}`, 2);
      }
    let listing = files.length > 0 ? void 0 : takeListing(where.dir, dirNames), groups = listing === void 0 ? setsOfFiles(files) : listing.sets.map((set) => ({ name: setName(set), files: set.files.map((file) => file.path), live: set.live }));
    if (groups.length === 0) throw new AuditError(`no session logs in ${where.dir}`, 2);
    let live = /* @__PURE__ */ new Map(), seals = /* @__PURE__ */ new Map(), runs = [...new Set(files.length > 0 ? files.map((file) => import_node_path32.default.dirname(import_node_path32.default.resolve(file))) : [where.dir])].flatMap(livingRuns);
    for (let { recording } of runs) live.set(recording.id, recording.file);
    for (let [rec, seal] of liveSeals(runs, where.timeFormat)) seals.set(rec, seal);
    let out = new Output(), tampered = !1, untimedSaid = !1, notesFailed = !1, rearrange = new RearrangeBudget(), check = (groupFiles, textOf) => {
      let report2 = verifyFiles(groupFiles, where.timeFormat, { key: key2, live: new Set(live.keys()), liveLogs: live, liveSeals: seals, requireKey: options.requireKey, older: options.older, now: Date.now(), rearrange }, textOf);
      try {
        let gone = [...notedEnds(groupFiles, runs), ...removedRotated(groupFiles, key2, report2.marked), ...shrunkRotated(groupFiles, report2.held ?? /* @__PURE__ */ new Map(), key2, report2.digestOf, report2.digests)];
        return gone.length > 0 ? { ...report2, breaks: [...report2.breaks, ...gone] } : report2;
      } catch (error) {
        return notesFailed = !0, process.stderr.write(`tmux-audit: could not read the notes beside ${groupFiles.at(-1) ?? ""} (the run files, the rotated-files ledger), so what they tell is unknown; the chain's findings are below (a fault in verify, not a finding in the log): ${error.message}
`), report2;
      }
    };
    for (let group of groups) {
      let report2;
      try {
        report2 = group.live !== void 0 && listing !== void 0 ? readLog(where.dir, group.live, listing, dirNames, (log) => check(log.files, log.text)) : check(group.files);
      } catch (error) {
        if (out.flush(), error instanceof AuditError) throw error;
        let code = error.code;
        throw code === "EMFILE" || code === "ENFILE" ? new AuditError(`could not verify ${group.name}, the result is unknown: ${failure(error)}`, 2) : new AuditError(`could not verify ${group.name}, the result is unknown (a fault in verify, not a finding in the log): ${error.stack ?? String(error)}`, 2);
      }
      report2.untimed !== void 0 && !untimedSaid && (untimedSaid = !0, process.stderr.write(`tmux-audit: ${untimedWarning(report2.untimed)}
`));
      for (let found of report2.breaks) out.write(breakLine(found));
      report2.breaks.length > 0 && (tampered = !0), (!options.quiet || report2.breaks.length > 0) && out.write(summaryLine(group.name, report2));
    }
    out.flush(), process.exitCode = tampered ? 1 : notesFailed ? 2 : 0;
  });
}

// src/read/commands.ts
var key = (fields) => `${fields.rec}\0${fields.pid ?? ""}\0${fields.n ?? ""}\0${fields.verified === "yes"}`, CommandPairs = class {
  open = /* @__PURE__ */ new Map();
  rows = [];
  /** Takes any log line; only command events count. */
  add(line3) {
    if (line3.kind !== "event" || !line3.fields) return;
    let fields = line3.fields;
    if (line3.text === "command") {
      let row = {
        line: line3,
        rec: fields.rec ?? "",
        n: fields.n,
        pid: fields.pid,
        cmd: fields.cmd ?? "",
        cwd: fields.cwd,
        host: fields.host,
        verified: fields.verified === "yes",
        source: fields.source
      };
      this.rows.push(row), fields.n !== void 0 && this.open.set(key(fields), row);
    } else if (line3.text === "command-end" && fields.n !== void 0) {
      let row = this.open.get(key(fields));
      if (!row) return;
      this.open.delete(key(fields)), row.exit = fields.exit, row.ms = fields.ms !== void 0 && /^\d+$/.test(fields.ms) ? Number(fields.ms) : void 0, row.pipestatus = fields.pipestatus;
    }
  }
};
function duration(ms) {
  return ms < 1e3 ? `${ms}ms` : ms < 6e4 ? `${(ms / 1e3).toFixed(1)}s` : `${Math.floor(ms / 6e4)}m${String(Math.floor(ms % 6e4 / 1e3)).padStart(2, "0")}s`;
}
function commandLine(row) {
  let oneLine = (text2) => text2.replace(/\\/g, "\\\\").replace(/\n/g, "\\n"), notes = [row.exit === void 0 ? "no end" : `exit ${oneLine(row.exit)}${row.pipestatus && row.pipestatus.includes(",") ? ` (${oneLine(row.pipestatus)})` : ""}`];
  return row.ms !== void 0 && notes.push(duration(row.ms)), row.verified || notes.push("unverified"), row.source === "screen" && notes.push("from screen"), escapeForTerminal(`${row.line.time} ${row.line.user} ${placeOf(row.line)} [${notes.join(", ")}] ${oneLine(row.cwd ?? "")}$ ${oneLine(row.cmd)}`);
}
function commandJson(row) {
  return {
    kind: "command",
    time: row.line.time,
    ms: Number.isFinite(row.line.ms) ? row.line.ms : null,
    user: row.line.user,
    session: row.line.session,
    window: row.line.window,
    pane: row.line.pane,
    rec: row.rec,
    n: row.n === void 0 ? null : Number(row.n),
    pid: row.pid === void 0 ? null : Number(row.pid),
    host: row.host ?? null,
    cwd: row.cwd ?? null,
    cmd: row.cmd,
    verified: row.verified,
    source: row.source ?? "shell",
    exit: row.exit === void 0 ? null : Number(row.exit),
    duration_ms: row.ms ?? null,
    pipestatus: row.pipestatus === void 0 ? null : row.pipestatus.split(",").map(Number)
  };
}

// src/read/filter.ts
function parsePane(text2) {
  if (/^%\d+$/.test(text2)) return { id: text2 };
  if (/^.+:\d+\.\d+$/.test(text2)) return { place: text2 };
  throw new AuditError(`--pane takes a pane id like %3 or a place like main:0.1, not '${escapeText(text2)}'`, 2);
}
function needsRecordings(filter) {
  return filter.user !== void 0 || filter.rec !== void 0 || filter.pane !== void 0 && "id" in filter.pane;
}
function passes(line3, recordings, filter) {
  if (filter.events && line3.kind !== "event" || filter.since !== void 0 && !(line3.ms >= filter.since) || filter.until !== void 0 && !(line3.ms < filter.until) || filter.rec !== void 0 && !recordings.some((recording) => recording.rec === filter.rec) || filter.user !== void 0 && line3.user !== filter.user && !recordings.some((recording) => recording.by === filter.user)) return !1;
  if (filter.pane !== void 0) {
    if ("id" in filter.pane) {
      let id = filter.pane.id;
      if (!recordings.some((recording) => recording.paneId === id)) return !1;
    } else if (placeOf(line3) !== filter.pane.place) return !1;
  }
  return !0;
}

// src/read/pattern.ts
var PLAIN = /[^\\^$.|?*+()[\]{}]/, ESCAPE = /\\(?:x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|c[A-Za-z]|k<[^>]*>|[pP]\{[^}]*\}|[0-9]+|[^])/y;
function requiredLiteral(source) {
  let best = "", run = "", end = () => {
    run.length > best.length && (best = run), run = "";
  };
  for (let i = 0; i < source.length; ) {
    let char = source[i], literal2, next = i + 1;
    if (char === "|") return;
    if (char === "\\") {
      let escaped = source[i + 1] ?? "";
      /[^A-Za-z0-9]/.test(escaped) && (literal2 = escaped), ESCAPE.lastIndex = i, next = i + (ESCAPE.exec(source)?.[0].length ?? 2);
    } else if (char === "[") {
      let j = i + 1;
      for (source[j] === "^" && j++, source[j] === "]" && j++; j < source.length && source[j] !== "]"; ) j += source[j] === "\\" ? 2 : 1;
      next = j + 1;
    } else if (char === "(") {
      let depth = 0, j = i, inClass = !1;
      for (; j < source.length; j++) {
        let c = source[j];
        if (c === "\\") {
          j++;
          continue;
        }
        if (inClass)
          c === "]" && (inClass = !1);
        else if (c === "[") inClass = !0;
        else if (c === "(") depth++;
        else if (c === ")" && --depth === 0) break;
      }
      next = j + 1;
    } else PLAIN.test(char) && !/[\uD800-\uDFFF]/.test(char) && (literal2 = char);
    let quantifier = source[next] ?? "", optional = !1, repeated = !1;
    if (quantifier === "?" || quantifier === "*")
      optional = !0, next++;
    else if (quantifier === "+")
      repeated = !0, next++;
    else if (quantifier === "{") {
      let braces = /^\{(\d+)(,\d*)?\}/.exec(source.slice(next));
      braces && (optional = Number(braces[1]) === 0, repeated = !optional, next += braces[0].length);
    }
    next > i + 1 && source[next] === "?" && next++, literal2 === void 0 || optional ? end() : (run += literal2, repeated && end()), i = next;
  }
  return end(), best.length >= 3 ? best : void 0;
}
function looksAround(source) {
  let inClass = !1;
  for (let i = 0; i < source.length; i++) {
    let char = source[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      char === "]" && (inClass = !1);
      continue;
    }
    if (char === "[") inClass = !0;
    else {
      if (char === "^") return !0;
      if (char === "(" && source[i + 1] === "?" && (source[i + 2] === "=" || source[i + 2] === "!" || source[i + 2] === "<" && (source[i + 3] === "=" || source[i + 3] === "!"))) return !0;
    }
  }
  return !1;
}
function readsSameInBytes(source) {
  if (/[^\x00-\x7f]/.test(source)) return !1;
  let inClass = !1;
  for (let i = 0; i < source.length; i++) {
    let char = source[i];
    if (char === "\\") {
      if ("sSWDuxcpP".includes(source[i + 1] ?? "")) return !1;
      i++;
      continue;
    }
    if (inClass) {
      char === "]" && (inClass = !1);
      continue;
    }
    if (char === "[") {
      if (source[i + 1] === "^") return !1;
      inClass = !0;
    } else if (char === ".") return !1;
  }
  return !0;
}
function escapeRegExp3(text2) {
  return text2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function bytesLiteral(text2) {
  return escapeRegExp3(Buffer.from(text2, "utf8").toString("latin1"));
}
function makePattern(source, options = {}) {
  let body = options.fixed ? escapeRegExp3(source) : source, flags = options.ignoreCase ? "i" : "", test;
  try {
    test = new RegExp(body, flags), test.test("");
  } catch (error) {
    let shown = source.length > 200 ? `${source.slice(0, 200)}\u2026` : source, why = error.message.replace(/^Invalid regular expression: (?:\/[\s\S]*\/[a-z]*: )?/, "");
    throw new AuditError(`not a regular expression: '${escapeText(shown)}' (${why})`, 2);
  }
  let literal2;
  options.ignoreCase || (literal2 = options.fixed ? source.length >= 3 ? source : void 0 : requiredLiteral(body));
  let shortlist2;
  looksAround(body) || (readsSameInBytes(body) ? shortlist2 = body : options.fixed && !options.ignoreCase && (shortlist2 = bytesLiteral(source)));
  let plain = literal2 !== void 0 && /^[\x20-\x7e]+$/.test(literal2) && literal2 === (options.fixed ? source : body), blind = options.ignoreCase ? options.fixed ? source.length >= 3 ? source : void 0 : requiredLiteral(body) : void 0, folded = blind !== void 0 && /^[\x20-\x7e]+$/.test(blind) ? caseBlindNeedle(Buffer.from(blind.toLowerCase(), "latin1")) : void 0;
  return { test, shortlist: shortlist2, literal: literal2 === void 0 ? void 0 : Buffer.from(literal2, "utf8"), folded, plain, flags };
}
function shortlist(sources, flags = "") {
  if (sources.length === 0 || sources.some((source) => source === void 0)) return;
  let parts = sources;
  return new RegExp(parts.length === 1 ? parts[0] : parts.map((part) => `(?:${part})`).join("|"), `${flags}gm`);
}
var EVENT_LINES = " \\* ";

// src/read/search.ts
var import_node_fs38 = __nodeBuiltin(require("node:fs"));

// src/read/context.ts
var import_node_crypto16 = require("node:crypto"), import_node_fs37 = __nodeBuiltin(require("node:fs"));

// src/read/backward.ts
var BackwardSearch = class {
  constructor(bytes, needles) {
    this.bytes = bytes;
    this.needles = needles;
    this.last = needles.map(() => {
    });
  }
  bytes;
  needles;
  /** Per needle: where it was last found (-1: nowhere before), or undefined: not looked for yet. */
  last;
  /** Where the nearest needle starts before `position` (at most `position - 1`), or -1. */
  previous(position) {
    let at = -1;
    for (let i = 0; i < this.needles.length; i++) {
      let found = this.last[i];
      if (found === void 0 || found >= position) {
        let from = position - 1;
        found = from < 0 ? -1 : this.bytes.lastIndexOf(this.needles[i], from), this.last[i] = found;
      }
      found > at && (at = found);
    }
    return at;
  }
};

// src/read/context.ts
var BEFORE_TEXT_BYTES = 4 << 20;
function linesBefore2(fd, before2, floor, needle, want, accept, keep = BEFORE_TEXT_BYTES) {
  let needles = Buffer.isBuffer(needle) ? [needle] : needle, found = [], kept = 0, take2 = (offset, length, text2) => {
    let value = accept(text2);
    if (value === void 0) return;
    let held2 = kept + length <= keep;
    held2 && (kept += length), found.push(held2 ? { offset, length, text: text2, value } : { offset, length, text: void 0, value: void 0, digest: digestOf(text2) });
  }, end = before2, size2 = 256 * 1024, buffer = borrow();
  try {
    let window = buffer;
    for (; found.length < want && end > floor; ) {
      let start2 = Math.max(floor, end - size2), length = end - start2;
      window.length < length && (window = Buffer.allocUnsafe(length)), import_node_fs37.default.readSync(fd, window, 0, length, start2);
      let bytes = window.subarray(0, length), base = 0;
      if (start2 > floor) {
        let newline = bytes.indexOf(10);
        if (newline < 0 || newline === length - 1) {
          if (size2 < MAX_LINE) {
            size2 *= 4;
            continue;
          }
          let lineStart = startOfLine(fd, start2 + (newline < 0 ? length : newline), floor, window);
          if (lineStart < start2) {
            let text2 = window.toString("utf8", 0, import_node_fs37.default.readSync(fd, window, 0, MAX_LINE, lineStart));
            needles.some((one) => text2.includes(one.toString("utf8"))) && take2(lineStart, MAX_LINE, text2);
          }
          end = lineStart, size2 = 256 * 1024;
          continue;
        }
        base = newline + 1;
      }
      let search = new BackwardSearch(bytes, needles);
      for (let position = length; position > base && found.length < want; ) {
        let at = search.previous(position);
        if (at < base) break;
        let lineStart = at > 0 ? bytes.lastIndexOf(10, at - 1) + 1 : 0, lineEnd3 = bytes.indexOf(10, at);
        lineEnd3 < 0 && (lineEnd3 = length);
        let text2 = bytes.toString("utf8", lineStart, lineEnd3);
        take2(start2 + lineStart, lineEnd3 - lineStart, text2), position = lineStart;
      }
      end = start2 + base;
    }
    return found;
  } finally {
    release2(buffer);
  }
}
function startOfLine(fd, before2, floor, buffer) {
  for (let end = before2; end > floor; ) {
    let start2 = Math.max(floor, end - buffer.length), read2 = import_node_fs37.default.readSync(fd, buffer, 0, end - start2, start2), newline = buffer.subarray(0, read2).lastIndexOf(10);
    if (newline >= 0) return start2 + newline + 1;
    end = start2;
  }
  return floor;
}
var PaneContext = class {
  constructor(lines, sets) {
    this.lines = lines;
    this.sets = sets;
  }
  lines;
  sets;
  /** Per log: the places whose after-context is still being printed, and how many lines are left. */
  pending = /* @__PURE__ */ new Map();
  /** Per log and place: where the line after the last one printed starts. */
  printed = /* @__PURE__ */ new Map();
  /**
   * Per place: its panes as its lines read them (not cut from the place: a hand-edited pane may hold a `.`,
   * so `s:1.2.3` may be window 1 pane 2.3 or window 1.2 pane 3, both of that place).
   */
  panes = /* @__PURE__ */ new Map();
  lastKey;
  version = 0;
  cached;
  jsonCached;
  /** The shortlist for a file of log `setIndex`: the search's own, and the places owed after-context. */
  candidates(setIndex, base) {
    let places = this.pending.get(setIndex);
    if (base === void 0 || !places || places.size === 0) return base;
    let cached = this.cached;
    if (cached && cached.setIndex === setIndex && cached.version === this.version && cached.base === base) return cached.candidates;
    let tags = [...places.keys()].map((place) => ` ${place} `), candidates = base instanceof RegExp ? new RegExp([`(?:${base.source})`, ...tags.map(bytesLiteral)].join("|"), base.flags) : [...base, ...tags.map((tag2) => Buffer.from(tag2))];
    return this.cached = { setIndex, version: this.version, base, candidates }, candidates;
  }
  /** The JSON lines' shortlist (scan.ts) for a file of log `setIndex`: `base`, and the places owed after-context. */
  jsonCandidates(setIndex, base) {
    let places = this.pending.get(setIndex);
    if (base === void 0 || !places || places.size === 0) return base;
    let cached = this.jsonCached;
    if (cached && cached.setIndex === setIndex && cached.version === this.version && cached.base === base) return cached.candidates;
    let candidates = [...base, ...new Set([...places.keys()].flatMap((place) => [...this.panes.get(place)].flatMap(jsonValueNeedles)))];
    return this.jsonCached = { setIndex, version: this.version, base, candidates }, candidates;
  }
  /**
   * A line the search looked at (matched, or a candidate); what to print now, in order. Lines before a match whose
   * text was not kept (linesBefore) are read again one at a time, as each is reached (iterate what is returned at
   * once: it shows them as it goes); otherwise an array (a common word's search takes millions of lines here).
   */
  take(at, matched, reader) {
    let place = placeOf(at.line), key2 = `${at.setIndex}\0${place}`, places = this.pending.get(at.setIndex);
    places || this.pending.set(at.setIndex, places = /* @__PURE__ */ new Map());
    let shown;
    if (matched) {
      let { lines, connected, close } = this.before(at, place, key2, reader);
      shown = lines.every((line3) => line3.text !== void 0) ? this.shownNow(lines, at, key2, connected, place, reader, close) : this.shownLater(lines, at, key2, connected, place, reader, close);
      let panes = this.panes.get(place) ?? /* @__PURE__ */ new Set();
      this.lines > 0 && (places.get(place) !== this.lines || !panes.has(at.line.pane)) && (places.set(place, this.lines), this.panes.set(place, panes.add(at.line.pane)), this.version++);
    } else {
      let left = places.get(place) ?? 0;
      if (left === 0) return [];
      left === 1 ? (places.delete(place), this.version++) : places.set(place, left - 1), shown = [this.show(at, key2, !0, !0)];
    }
    let length = Buffer.byteLength(at.log);
    return this.printed.set(key2, { fileIndex: at.fileIndex, end: length >= MAX_LINE ? pastNewline(at.fd, at.offset) : at.offset + length + 1 }), shown;
  }
  /** A match and the lines before it, all in memory. */
  shownNow(lines, at, key2, connected, place, reader, close) {
    close();
    let shown = lines.map((line3, i) => this.show(shownBefore(line3, place, reader, at.recordings), key2, connected || i > 0, !0));
    return shown.push(this.show(at, key2, connected || lines.length > 0, !1)), shown;
  }
  /** The same, the lines before it read as their turn comes (their file, when it is the one before, closed after them). */
  *shownLater(lines, at, key2, connected, place, reader, close) {
    try {
      for (let [i, line3] of lines.entries()) yield this.show(shownBefore(line3, place, reader, at.recordings), key2, connected || i > 0, !0);
    } finally {
      close();
    }
    yield this.show(at, key2, connected || lines.length > 0, !1);
  }
  show(line3, key2, connected, context) {
    let gap = this.lastKey !== void 0 && (!connected || this.lastKey !== key2);
    return this.lastKey = key2, { file: line3.file, number: line3.number, log: line3.log, line: line3.line, recordings: line3.recordings, context, gap };
  }
  /**
   * The lines before a match (oldest first), whether they join the last line printed of its place, and what closes
   * the file before the match's, when they are in it (once they are printed).
   */
  before(at, place, key2, reader) {
    if (this.lines === 0) return { lines: [], connected: !1, close: () => {
    } };
    let want = this.lines + 1, last = this.printed.get(key2), needles = [Buffer.from(` ${place} `), ...new Set([at.line.pane, ...this.panes.get(place) ?? []].flatMap(jsonValueNeedles))], accept = (text2) => {
      let line3 = reader.read(text2, !1);
      return line3 !== void 0 && placeOf(line3) === place ? line3 : void 0;
    }, here = last?.fileIndex === at.fileIndex, found = linesBefore2(at.fd, at.offset, here ? last.end : 0, needles, want, accept), lines = numbered(found, at.fd, at.file, at.offset, at.number), connected = here && found.length < want, close = () => {
    };
    if (!here && found.length < want && at.fileIndex > 0) {
      let previous = this.sets[at.setIndex].files[at.fileIndex - 1], fd = openLog(previous.path);
      if (fd !== void 0) {
        close = () => import_node_fs37.default.closeSync(fd);
        try {
          let there = last?.fileIndex === at.fileIndex - 1, size2 = import_node_fs37.default.fstatSync(fd).size, held2 = found.reduce((sum, line3) => sum + (line3.text === void 0 ? 0 : line3.length), 0), more = linesBefore2(fd, size2, there ? last.end : 0, needles, want - found.length, accept, BEFORE_TEXT_BYTES - held2);
          more.length > 0 && lines.push(...numbered(more, fd, previous.path, size2, 1 + countFileNewlines(fd, 0, size2))), connected = there && found.length + more.length < want;
        } catch (failure2) {
          throw close(), failure2;
        }
      }
    }
    return { lines: lines.slice(0, this.lines).reverse(), connected, close };
  }
};
function digestOf(text2) {
  return (0, import_node_crypto16.createHash)("sha256").update(text2).digest("base64");
}
function numbered(found, fd, file, offset, number2) {
  let after = offset;
  return found.map((before2) => (number2 -= countFileNewlines(fd, before2.offset, after), after = before2.offset, { offset: before2.offset, length: before2.length, text: before2.text, value: before2.value, digest: before2.digest, fd, file, number: number2 }));
}
function shownBefore(before2, place, reader, recordings) {
  let { text: text2, value: line3 } = before2;
  if (text2 === void 0 || line3 === void 0) {
    let bytes = borrow(before2.length), read2;
    try {
      read2 = import_node_fs37.default.readSync(before2.fd, bytes, 0, before2.length, before2.offset), text2 = bytes.toString("utf8", 0, read2);
    } finally {
      release2(bytes);
    }
    if (line3 = read2 === before2.length && digestOf(text2) === before2.digest ? reader.read(text2, !1) : void 0, line3 === void 0 || placeOf(line3) !== place) throw new AuditError(`${before2.file} changed while it was searched: its line ${before2.number} is no longer what was found there`, 2);
  }
  return { file: before2.file, number: before2.number, log: text2, line: line3, recordings };
}

// src/read/recordings.ts
var RecordingTracker = class {
  active = /* @__PURE__ */ new Map();
  known = /* @__PURE__ */ new Map();
  /** Takes the next line of the log, and says which recordings it belongs to. */
  see(line3) {
    let place = placeOf(line3);
    if (line3.kind !== "event") return this.active.get(place) ?? [];
    let rec = line3.fields?.rec;
    if (rec === void 0) return [];
    if (line3.text === "start") {
      let info2 = { rec, place, paneId: line3.fields?.pane ?? "", by: line3.fields?.by ?? "", user: line3.user, startMs: line3.ms };
      return this.known.set(rec, info2), this.active.set(place, [...(this.active.get(place) ?? []).filter((other) => other.rec !== rec), info2]), [info2];
    }
    let info = this.known.get(rec) ?? { rec, place, paneId: "", by: "", user: line3.user, startMs: Number.NaN };
    if (line3.text === "stop") {
      let left = (this.active.get(place) ?? []).filter((other) => other.rec !== rec);
      left.length > 0 ? this.active.set(place, left) : this.active.delete(place);
    }
    return [info];
  }
  /** What the start event said of `rec`, if it has been seen. */
  recording(rec) {
    return this.known.get(rec);
  }
};

// src/read/span.ts
var RecordingSpan = class {
  constructor(rec) {
    this.rec = rec;
    this.startShortlist = [Buffer.from(` * start rec=${rec}`)], this.jsonStartShortlist = jsonValueNeedles(rec);
  }
  rec;
  state = "before";
  /** The start event, once seen. */
  start;
  place = "";
  startShortlist;
  placeShortlist;
  jsonPlaceShortlist;
  jsonStartShortlist;
  /** What the scan should look at next (scan.ts: over the bytes): the start event, then the lines of its place. */
  candidates() {
    return this.state === "before" ? this.startShortlist : this.placeShortlist;
  }
  /** The same for JSON lines (scan.ts): the lines of its id, then the lines of its pane, however spelled. */
  jsonCandidates() {
    return this.state === "before" ? this.jsonStartShortlist : this.jsonPlaceShortlist;
  }
  /** Takes the next line of the log; true when it is part of the recording. */
  take(line3) {
    return this.state === "before" ? line3.kind !== "event" || line3.text !== "start" || line3.fields?.rec !== this.rec ? !1 : (this.state = "in", this.start = line3, this.place = placeOf(line3), this.placeShortlist = [Buffer.from(` ${this.place} `)], this.jsonPlaceShortlist = jsonValueNeedles(line3.pane), !0) : this.state === "after" || placeOf(line3) !== this.place ? !1 : line3.kind !== "event" ? !0 : line3.fields?.rec !== this.rec ? !1 : (line3.text === "stop" && (this.state = "after"), !0);
  }
};

// src/read/search.ts
function firstTime(file, timeFormat) {
  let fd = openLog(file);
  if (fd === void 0) return Number.NaN;
  try {
    let { first } = endLines(fd);
    return first === void 0 ? Number.NaN : readerFor(first, timeFormat).read(first)?.ms ?? Number.NaN;
  } catch {
    return Number.NaN;
  } finally {
    import_node_fs38.default.closeSync(fd);
  }
}
function filesInTimeOrder(sets, timeFormat, when2 = (file) => firstTime(file, timeFormat)) {
  let queues = sets.map((set, setIndex) => {
    let key2 = Number.NEGATIVE_INFINITY;
    return set.files.map((file) => {
      let time = when2(file.path);
      return Number.isFinite(time) && time > key2 && (key2 = time), { set, setIndex, file, key: key2 };
    });
  }), order = [], heads = queues.map(() => 0);
  for (; ; ) {
    let best = -1;
    for (let i = 0; i < queues.length; i++) {
      let head = queues[i][heads[i]];
      head && (best < 0 || head.key < queues[best][heads[best]].key) && (best = i);
    }
    if (best < 0) return order;
    let { set, setIndex, file } = queues[best][heads[best]++];
    order.push({ set, setIndex, file });
  }
}
function openLiveFiles(sources) {
  let open2 = /* @__PURE__ */ new Map();
  for (let source of sources)
    if (source.file.rotatedAt === void 0)
      try {
        let fd = openLog(source.file.path);
        fd !== void 0 && open2.set(source.file.path, fd);
      } catch {
      }
  return open2;
}
function readFile(path36, held2, error, visit) {
  let fd = held2.get(path36);
  held2.delete(path36);
  try {
    return fd ??= openLog(path36), fd === void 0 ? !1 : visit(fd);
  } catch (failure2) {
    if (typeof failure2.code != "string") throw failure2;
    return error(path36, failure2), !1;
  } finally {
    fd !== void 0 && import_node_fs38.default.closeSync(fd);
  }
}
function grepCandidates(pattern, tracking) {
  let literal2 = pattern.literal ?? pattern.folded;
  return literal2 ? tracking ? [literal2, EVENT_BYTES] : [literal2] : shortlist(tracking ? [pattern.shortlist, EVENT_LINES] : [pattern.shortlist], pattern.flags);
}
var EVENT_BYTES = Buffer.from(" * "), NONE = [];
function grepJsonCandidates(pattern, tracking = !0) {
  return pattern.literal ? jsonShortlist(pattern.literal.toString("utf8"), tracking) : pattern.folded ? jsonShortlist(pattern.folded, tracking) : void 0;
}
function planGrep(options, context) {
  let { pattern, filter } = options, tracking = options.recordings === !0 || needsRecordings(filter), jsonBase = grepJsonCandidates(pattern, tracking), timed = options.timed === !0 || filter.since !== void 0 || filter.until !== void 0;
  return {
    pattern,
    filter,
    timeFormat: options.timeFormat,
    tracking,
    timed,
    base: grepCandidates(pattern, tracking),
    jsonBase,
    literalBytes: pattern.literal ?? pattern.folded,
    jsonEvents: jsonBase !== void 0 && jsonBase.includes(JSON_EVENT_WORD),
    plain: !tracking && !context && !timed && !filter.events && filter.pane === void 0 ? options.plain : void 0,
    numbered: options.count !== !0
  };
}
function passesOver(plan, file, context) {
  let { since } = plan.filter;
  return !plan.tracking && !context && since !== void 0 && file.rotatedAt !== void 0 && file.rotatedAt < since - 1e3;
}
function grepFile(plan, fd, place, emit) {
  let { pattern, filter, tracking, timed, base, jsonBase, literalBytes, jsonEvents, plain } = plan, { setIndex, fileIndex, tracker, context } = place, file = place.path, matched = 0, reader, words2 = 0, readerOf = (first) => (reader === void 0 && (reader = readerFor(first, plan.timeFormat), words2 = timeWords(reader.timeFormat)), reader);
  return { stopped: scanFile(fd, {
    numbered: plan.numbered,
    read: place.progress,
    candidates: () => context ? context.candidates(setIndex, base) : base,
    jsonCandidates: () => context ? context.jsonCandidates(setIndex, jsonBase) : jsonBase,
    // A JSON line the coarse shortlist found (a byte that may change its text, often none does) is passed over unread
    // when its bytes rule a match out; only when nothing else is owed the lines it looks at (context, recordings).
    // A JSON line the bytes cannot rule out (an event, a `\`, a byte escaping may change) is read here and tested as
    // `line` tests it: passed over unless it matches, so that it costs no line number (numbering a piece for one
    // event line read it twice; most such lines do not match).
    passOver: jsonBase && !tracking && !context ? (piece, start2, end) => {
      if (jsonLineCannotHold(piece, start2, end, literalBytes, jsonEvents)) return !0;
      if (piece[start2] !== 123 || holdsLiteral(piece, start2, end, literalBytes)) return !1;
      let text2 = piece.toString("utf8", start2, end), line3 = readerOf(text2).read(text2, timed);
      return !line3 || !(passes(line3, NONE, filter) && pattern.test.test(line3.raw));
    } : void 0,
    bytes: plain ? (piece, start2, end, number2, found) => {
      if (reader === void 0 && readerOf(piece.toString("utf8", start2, end)), !reader.iso || !isoStampAt(piece, start2, end)) return;
      let text2 = words2 === 1 ? textAfterTime(piece, start2 + 30, end) : textStart(piece, start2, end, words2);
      if (text2 < 0) return;
      if (pattern.plain) {
        if (!literalIn(pattern.literal, piece, text2, end, found)) return !0;
      } else {
        if (!plainAscii(piece, start2, end)) return;
        if (!pattern.test.test(piece.toString("latin1", text2, end))) return !0;
      }
      let written = plain(file, number2, piece, start2, end);
      return written !== void 0 && matched++, written;
    } : void 0,
    line: (text2, number2, offset) => {
      let reader2 = readerOf(text2), line3 = reader2.read(text2, timed || tracking && (text2.includes(" * ") || text2.charCodeAt(0) === 123));
      if (!line3) return !0;
      let belongs = tracking ? tracker.see(line3) : NONE, recordings = belongs.length === 0 ? [] : belongs.map((recording) => recording.rec), isMatch = passes(line3, belongs, filter) && pattern.test.test(line3.raw);
      if (isMatch && matched++, !context) return isMatch ? emit({ file, number: number2, log: text2, line: line3, recordings, context: !1, gap: !1 }) !== !1 : !0;
      for (let shown of context.take({ setIndex, fileIndex, fd, file, number: number2, offset, log: text2, line: line3, recordings }, isMatch, reader2))
        if (emit(shown) === !1) return !1;
      return !0;
    }
  }), matched };
}
function grepLogs(sets, options, emit, error) {
  let context = options.context > 0 ? new PaneContext(options.context, sets) : void 0, plan = planGrep(options, context !== void 0), trackers = sets.map(() => new RecordingTracker()), sources = filesInTimeOrder(sets, options.timeFormat), held2 = openLiveFiles(sources), matched = 0, stopped = !1;
  try {
    for (let { set, setIndex, file } of sources) {
      if (stopped) break;
      if (passesOver(plan, file, context !== void 0)) continue;
      let place = { path: file.path, setIndex, fileIndex: set.files.indexOf(file), tracker: trackers[setIndex], context };
      readFile(file.path, held2, error, (fd) => {
        let result = grepFile(plan, fd, place, emit);
        return matched += result.matched, stopped = result.stopped, stopped;
      });
    }
  } finally {
    for (let fd of held2.values()) import_node_fs38.default.closeSync(fd);
  }
  return matched;
}
function literalIn(literal2, piece, text2, end, found) {
  let length = literal2.length;
  if (found >= text2 && found + length <= end && sameBytes(piece, found, literal2)) return !0;
  let at = piece.indexOf(literal2, text2);
  return at >= 0 && at + length <= end;
}
function holdsLiteral(piece, start2, end, literal2) {
  let line3 = piece.subarray(start2, end);
  return (isCaseBlind(literal2) ? indexOfFolded(line3, literal2, 0) : line3.indexOf(literal2)) >= 0;
}
function walkRecording(sets, rec, timeFormat, take2, error) {
  for (let set of sets) {
    let span2 = new RecordingSpan(rec), sources = set.files.map((file) => ({ set, setIndex: 0, file })), held2 = openLiveFiles(sources), halted = !1;
    try {
      for (let { file } of sources)
        if (readFile(file.path, held2, error, (fd) => {
          let reader;
          return scanFile(fd, {
            numbered: !1,
            candidates: () => span2.candidates(),
            jsonCandidates: () => span2.jsonCandidates(),
            line: (text2) => {
              reader ??= readerFor(text2, timeFormat);
              let line3 = reader.read(text2);
              return !line3 || !span2.take(line3) ? !0 : (take2(line3, text2, file.path) === !1 && (halted = !0), !halted && span2.state !== "after");
            }
          });
        }), halted || span2.state === "after") break;
    } finally {
      for (let fd of held2.values()) import_node_fs38.default.closeSync(fd);
    }
    if (span2.start) return { start: span2.start, stopped: span2.state === "after", set };
  }
  return { start: void 0, stopped: !1, set: void 0 };
}

// src/commands/grep-print.ts
function printPlain(out) {
  let lastFile, head = Buffer.alloc(0);
  return (file, number2, bytes, start2, end) => (file !== lastFile && (lastFile = file, head = Buffer.from(`${escapeText(file)}:`)), out.writeNumbered(head, number2, bytes, start2, end));
}
function printHit(out, hit) {
  return hit.gap && out.write(`--
`), out.write(`${escapeText(hit.file)}${hit.context ? "-" : ":"}${hit.number}${hit.context ? "-" : ":"} ${hit.log}
`);
}

// src/commands/grep-parallel.ts
var import_node_fs39 = __nodeBuiltin(require("node:fs")), import_node_os9 = __nodeBuiltin(require("node:os")), import_node_path33 = __nodeBuiltin(require("node:path")), import_node_worker_threads = require("node:worker_threads");
var MIN_BYTES = 64 << 20, SPARE_BUFFERS = 24, AHEAD_BYTES = 16 << 20, PART_BYTES = 4 << 20, NEXT = 0, POSTED = 1, STOP = 2, BUSY = 3, READY = 4, KEPT = 5, PROGRESS = 6, COUNTERS = 7, WORKER_SILENCE_MS = 1e4, shareFreely = (counters) => () => Atomics.add(counters, NEXT, 1);
function planOf(request) {
  return planGrep({ pattern: makePattern(request.source, request), filter: request.filter, context: 0, timeFormat: request.timeFormat, plain: () => {
  } }, !1);
}
function runJob(plan, job, out, errors, length, count = !1, progress) {
  let jobPlan = { ...plan, plain: plan.plain && (count ? counted : printPlain(out)), numbered: !count }, fd = job.fd >= 0 ? job.fd : void 0, own = fd === void 0;
  try {
    return fd ??= openLog(job.path), fd === void 0 ? { matched: 0, stopped: !1 } : grepFile(jobPlan, fd, { path: job.path, setIndex: job.setIndex, fileIndex: job.fileIndex, tracker: void 0, context: void 0, progress }, count ? counted : (hit) => printHit(out, hit));
  } catch (failure2) {
    let code = failure2.code;
    if (typeof code != "string") throw failure2;
    return errors.push({ at: length(), code, message: failure2.message }), { matched: 0, stopped: out.closed };
  } finally {
    own && fd !== void 0 && import_node_fs39.default.closeSync(fd);
  }
}
function counted() {
  return !0;
}
function startWorker(data) {
  let options = { workerData: data, transferList: [data.port], stdout: !0, stderr: !0 };
  return new import_node_worker_threads.Worker(import_node_path33.default.join(__dirname, "grep-worker.cjs"), options);
}
function secondCoreFree() {
  let cores = import_node_os9.default.availableParallelism?.() ?? import_node_os9.default.cpus().length;
  return cores >= 2 && import_node_os9.default.loadavg()[0] < 2 * cores;
}
function sizeOf(file) {
  try {
    return import_node_fs39.default.statSync(file).size;
  } catch {
    return 0;
  }
}
function grepInParallel(sets, request, out, error, tally) {
  if (needsRecordings(request.filter)) return;
  let plan = planOf(request), searched = sets.flatMap((set) => set.files).filter((file) => !passesOver(plan, file, !1));
  if (searched.length < 2) return;
  let total = 0;
  for (let file of searched) total += sizeOf(file.path);
  if (total < MIN_BYTES) return;
  let jobs = jobsOf(sets, plan, request.timeFormat);
  if (jobs.length < 2) {
    for (let job of jobs) closeHeld(job);
    return;
  }
  return shareJobs(plan, request, jobs, out, error, startWorker, shareFreely, tally);
}
function jobsOf(sets, plan, timeFormat) {
  return filesInTimeOrder(sets, timeFormat).filter(({ file }) => !passesOver(plan, file, !1)).map(({ set, setIndex, file }) => {
    let fd = -1;
    if (file.rotatedAt === void 0)
      try {
        fd = openLog(file.path) ?? -1;
      } catch {
      }
    return { path: file.path, fd, setIndex, fileIndex: set.files.indexOf(file) };
  });
}
function shareJobs(plan, request, jobs, out, error, start2, sharing, tally) {
  let counters = new Int32Array(new SharedArrayBuffer(COUNTERS * 4)), { port1, port2 } = new import_node_worker_threads.MessageChannel(), gone = !1, abandoned = !1;
  try {
    let worker = start2({ request, jobs, shared: counters.buffer, port: port2 });
    worker.unref(), worker.on("error", () => {
    });
  } catch {
    gone = !0;
  }
  let results = /* @__PURE__ */ new Map(), parts = /* @__PURE__ */ new Map(), partsPrinted = /* @__PURE__ */ new Map(), posted = 0, next = 0, matched = 0, ahead = 0, stopped = !1, mine = /* @__PURE__ */ new Set(), take2 = sharing(counters, "main"), spare2 = [], keep = (index, printed = 0) => {
    let own = new MemoryOutput(() => spare2.pop()), errors = [], count = 0, thrown;
    try {
      count = runJob(plan, jobs[index], own, errors, () => own.length, request.count).matched;
    } catch (failure2) {
      thrown = failure2;
    }
    let bytes = dropFirst(own.take(), printed);
    for (let failure2 of errors) failure2.at = Math.max(0, failure2.at - printed);
    mine.add(index), ahead += lengthOf(bytes), results.set(index, { index, bytes, matched: count, errors, ...thrown === void 0 ? {} : { thrown } });
  }, receive = () => {
    if (!abandoned) {
      for (let message2 = (0, import_node_worker_threads.receiveMessageOnPort)(port1); message2; message2 = (0, import_node_worker_threads.receiveMessageOnPort)(port1)) {
        posted++;
        let result = message2.message;
        if ("part" in result)
          parts.set(result.index, [...parts.get(result.index) ?? [], ...result.part]);
        else if ("failed" in result) {
          gone = !0;
          let unprinted = parts.get(result.index) ?? [];
          parts.delete(result.index), Atomics.sub(counters, KEPT, keptSize(unprinted)), keep(result.index, partsPrinted.get(result.index) ?? 0);
        } else {
          let unprinted = parts.get(result.index);
          if (unprinted) {
            parts.delete(result.index);
            let before2 = lengthOf(unprinted);
            result.bytes = [...unprinted, ...result.bytes], result.errors = result.errors.map((failure2) => ({ ...failure2, at: failure2.at + before2 }));
          }
          results.set(result.index, result);
        }
      }
      Atomics.load(counters, READY) === 2 && Atomics.load(counters, POSTED) === posted && (gone = !0);
    }
  }, printParts = () => {
    let part = parts.get(next);
    if (!part || stopped) return;
    parts.delete(next);
    for (let piece of part) out.writeReady(piece);
    let size2 = keptSize(part);
    if (partsPrinted.set(next, (partsPrinted.get(next) ?? 0) + size2), Atomics.sub(counters, KEPT, size2), Atomics.notify(counters, KEPT), !gone) for (let piece of part) port1.postMessage(piece.buffer, [piece.buffer]);
    stopped = out.closed;
  }, print = () => {
    printParts();
    for (let result = results.get(next); result && !stopped; printParts(), result = results.get(next)) {
      results.delete(next);
      let own = mine.delete(next);
      if (printResult(out, result, (failure2) => error(jobs[next].path, Object.assign(new Error(failure2.message), { code: failure2.code }))), own) {
        ahead -= lengthOf(result.bytes);
        for (let piece of result.bytes) spare2.length < SPARE_BUFFERS && spare2.push(piece.buffer);
      } else if (Atomics.sub(counters, KEPT, keptSize(result.bytes)), Atomics.notify(counters, KEPT), !gone) for (let piece of result.bytes) port1.postMessage(piece.buffer, [piece.buffer]);
      if (matched += result.matched, tally?.(result.matched), stopped = out.closed, closeHeld(jobs[next]), next++, "thrown" in result) throw result.thrown;
    }
  }, searchNext = () => {
    let job = jobs[next], errors = [], result = runJob(plan, job, out, errors, () => 0, request.count);
    for (let failure2 of errors) error(job.path, Object.assign(new Error(failure2.message), { code: failure2.code }));
    closeHeld(job), matched += result.matched, tally?.(result.matched), stopped = result.stopped || out.closed, next++;
  }, silentSince = 0, lastProgress = -1, waitForWorker = () => {
    let seen = Atomics.load(counters, POSTED);
    if (seen === posted && Atomics.load(counters, READY) !== 2 && Atomics.wait(counters, POSTED, seen, 1e3) === "timed-out") {
      let progress = Atomics.load(counters, PROGRESS), now = Date.now();
      progress !== lastProgress || silentSince === 0 ? (lastProgress = progress, silentSince = now) : now - silentSince >= WORKER_SILENCE_MS && (gone = !0, abandoned = !0, Atomics.store(counters, STOP, 1));
      return;
    }
    silentSince = 0, receive();
  };
  try {
    for (; !stopped; ) {
      for (receive(), print(); ahead > AHEAD_BYTES && !stopped && !gone; )
        waitForWorker(), print();
      if (stopped) break;
      let index = take2();
      if (index >= jobs.length) break;
      index === next ? searchNext() : keep(index);
    }
    for (; !stopped && next < jobs.length; )
      results.has(next) || (gone ? searchNext() : waitForWorker()), print();
  } finally {
    if (Atomics.store(counters, STOP, 1), Atomics.notify(counters, KEPT), port1.close(), !abandoned) {
      for (let busy = Atomics.load(counters, BUSY); busy !== 0; busy = Atomics.load(counters, BUSY)) Atomics.wait(counters, POSTED, Atomics.load(counters, POSTED), 100);
      for (let job of jobs) closeHeld(job);
    }
  }
  return matched;
}
function dropFirst(pieces, count) {
  let rest = [];
  for (let piece of pieces)
    count >= piece.length ? count -= piece.length : (rest.push(count === 0 ? piece : piece.subarray(count)), count = 0);
  return rest;
}
function keptSize(pieces) {
  return Math.min(lengthOf(pieces), 1 << 30);
}
function lengthOf(pieces) {
  let length = 0;
  for (let piece of pieces) length += piece.length;
  return length;
}
function printResult(out, result, told) {
  let done = 0, errors = 0;
  for (let piece of result.bytes) {
    let from = 0;
    for (; errors < result.errors.length && result.errors[errors].at <= done + piece.length; errors++) {
      let at = result.errors[errors].at - done;
      out.writeReady(piece.subarray(from, at)), from = at, told(result.errors[errors]);
    }
    out.writeReady(from === 0 ? piece : piece.subarray(from)), done += piece.length;
  }
  for (; errors < result.errors.length; errors++) told(result.errors[errors]);
}
function closeHeld(job) {
  job.fd < 0 || (import_node_fs39.default.closeSync(job.fd), job.fd = -1);
}

// src/read/time.ts
var UNIT_MS = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }, UNIT_NAMES = {
  s: "s",
  sec: "s",
  secs: "s",
  second: "s",
  seconds: "s",
  m: "m",
  min: "m",
  mins: "m",
  minute: "m",
  minutes: "m",
  h: "h",
  hr: "h",
  hrs: "h",
  hour: "h",
  hours: "h",
  d: "d",
  day: "d",
  days: "d",
  w: "w",
  week: "w",
  weeks: "w"
}, LOCAL_FORMATS = ["yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "HH:mm:ss", "HH:mm"];
function parseWhen(text2, now) {
  let given = text2.trim().toLowerCase();
  if (given === "now") return now.getTime();
  if (given === "today") return startOfDay(now).getTime();
  if (given === "yesterday") return startOfDay(subDays(now, 1)).getTime();
  let relative = /^(\d+(?:\.\d+)?)\s*([a-z]+)(?:\s+ago)?$/.exec(given);
  if (relative) {
    let unit = UNIT_NAMES[relative[2]];
    return unit ? now.getTime() - Math.round(Number(relative[1]) * UNIT_MS[unit]) : void 0;
  }
  if (/^\d{4}-\d\d-\d\d(?:[T ]|$)/.test(text2.trim())) {
    let iso = parseISO(text2.trim());
    if (isValid(iso)) return iso.getTime();
  }
  for (let form of LOCAL_FORMATS) {
    let parsed = parse(text2.trim(), form, now);
    if (isValid(parsed)) return parsed.getTime();
  }
}
function requireWhen(option, text2, now) {
  let ms = parseWhen(text2, now);
  if (ms === void 0)
    throw new AuditError(`${option}: cannot read '${escapeText(text2)}' as a time (try 2h, 30m, 3d, today, yesterday, 14:30, 2026-11-24 or 2026-11-24T23:01)`, 2);
  return ms;
}

// src/commands/grep.ts
var COMMAND_EVENTS = "^command(-end)? ";
function hitJson(hit) {
  let { line: line3 } = hit;
  return {
    file: hit.file,
    number: hit.number,
    log: hit.log,
    time: line3.time,
    ms: Number.isFinite(line3.ms) ? line3.ms : null,
    user: line3.user,
    session: line3.session,
    window: line3.window,
    pane: line3.pane,
    kind: line3.kind,
    text: line3.text,
    ...line3.fields ? { fields: line3.fields } : {},
    recordings: hit.recordings,
    context: hit.context
  };
}
function grepCommand() {
  return whereOptions(new Command("grep")).description("search what panes printed and the events, across rotated files, in time order (exit 0: found, 1: not found, 2: error)").argument("[pattern]", "a JavaScript regular expression, matched against the text after the mark (default: every line)", "").option("--user <user>", "lines of this user: whose terminal, or who started the recording (by=)").option("--session <name>", "only this session's log (name, or name@server)").option("--pane <pane>", "only this pane: %N (from the start events), or session:window.pane as stamped").option("--rec <id>", "only this recording").option("--since <time>", "from this time: 2h, 30m, today, yesterday, 14:30, 2026-11-24T23:01 ...").option("--until <time>", "before this time (same forms)").option("--events", "events only (start, stop, screen, rename, dropped, error)").option("-C, --context <n>", "lines of context around each match, within its pane").option("-i, --ignore-case", "case-blind").option("-F, --fixed-strings", "the pattern is a plain string").option("--json", "one JSON object per line").option("-c, --count", 'print only how many lines match, over all the logs searched (with --json: {"count": N})').option("--commands", "the commands integrated shells ran (shell/integration.*), each with its exit status and duration; the pattern is matched against the command line").addHelpText(
    "after",
    `
Each line is printed with its file and line number: <file>:<n>: <log line>
(context lines: <file>-<n>- <log line>, groups separated by --).

Examples:
  $ tmux-audit grep 'rm -rf' --since yesterday --user bob
  /home/ann/.local/state/tmux-audit/deploy.log:812: 2026-11-24T23:04:10.118+01:00 ann deploy:1.0 | bob@web1:~$ rm -rf /srv/app/releases/old
  $ tmux-audit grep --events 'stop .*reason=reader-died'
  $ tmux-audit grep -C 3 --pane deploy:1.0 'Traceback'
  $ tmux-audit grep -c timeout --session deploy
  412
  $ tmux-audit grep --commands '^rm ' --since today
  /home/ann/.local/state/tmux-audit/deploy.log:812: 2026-11-24T23:04:10.118+01:00 ann deploy:1.0 [exit 0, 1.2s] /srv$ rm -rf build`
  ).action((pattern, options) => {
    let now = /* @__PURE__ */ new Date(), filter = { user: options.user, rec: options.rec, events: options.events };
    options.pane !== void 0 && (filter.pane = parsePane(options.pane)), options.since !== void 0 && (filter.since = requireWhen("--since", options.since, now)), options.until !== void 0 && (filter.until = requireWhen("--until", options.until, now));
    let context = 0;
    if (options.context !== void 0) {
      if (!/^\d+$/.test(options.context)) throw new AuditError(`-C takes a number of lines, not '${options.context}'`, 2);
      context = Number(options.context);
    }
    if (options.count && context > 0) throw new AuditError("-C does not go with -c", 2);
    let compiled = makePattern(pattern, { ignoreCase: options.ignoreCase, fixed: options.fixedStrings }), told = (count2) => {
      out.write(options.json ? `${JSON.stringify({ count: count2 })}
` : `${count2}
`);
    }, where = location(options), sets = logsOf(where, options.session), out = new Output(), failed = !1, fileError = (file, error) => {
      failed = !0, out.flush(), warn(fileProblem(file, error));
    };
    if (options.commands) {
      if (context > 0) throw new AuditError("-C does not go with --commands", 2);
      let pairs2 = new CommandPairs(), files = /* @__PURE__ */ new Map();
      grepLogs(
        sets,
        { pattern: makePattern(COMMAND_EVENTS), filter: { ...filter, events: !0 }, context: 0, timeFormat: where.timeFormat, timed: !0, recordings: !1 },
        (hit) => {
          pairs2.add(hit.line), files.set(hit.line, { file: hit.file, number: hit.number });
        },
        fileError
      );
      let printed = 0;
      for (let row of pairs2.rows) {
        if (!compiled.test.test(row.cmd) || (printed++, options.count)) continue;
        let at = files.get(row.line);
        out.write(options.json ? `${JSON.stringify({ file: at.file, number: at.number, ...commandJson(row) })}
` : `${escapeText(at.file)}:${at.number}: ${commandLine(row)}
`);
      }
      options.count && told(printed), out.flush(), process.exitCode = failed ? 2 : printed > 0 ? 0 : 1;
      return;
    }
    let count = options.count ?? !1, json = options.json && !count, seen = 0, found = () => (seen++, !0), matched;
    try {
      matched = printing(out, () => (json || context > 0 || !secondCoreFree() ? void 0 : grepInParallel(sets, { source: pattern, ignoreCase: options.ignoreCase, fixed: options.fixedStrings, filter, timeFormat: where.timeFormat, count }, out, fileError, (files) => {
        seen += files;
      })) ?? grepLogs(
        sets,
        { pattern: compiled, filter, context, timeFormat: where.timeFormat, timed: json, recordings: json, count, plain: json ? void 0 : count ? found : printPlain(out) },
        (hit) => count ? found() : json ? out.write(`${JSON.stringify(hitJson(hit))}
`) : printHit(out, hit),
        fileError
      ));
    } catch (failure2) {
      throw count && printing(out, () => told(seen)), failure2;
    }
    count && (told(matched), out.flush()), process.exitCode = failed ? 2 : matched > 0 ? 0 : 1;
  });
}

// src/commands/show.ts
function eachLineOf(where, rec, session, take2) {
  if (!/^[\w-]+$/.test(rec)) throw new AuditError(`not a recording id: '${escapeText(rec)}'`, 2);
  let sets = logsOf(where, session), failure2, walk = walkRecording(sets, rec, where.timeFormat, take2, (file, error) => {
    failure2 ??= fileProblem(file, error);
  });
  if (failure2) throw new AuditError(failure2, 2);
  if (!walk.start || !walk.set) throw new AuditError(`no recording ${rec} in ${where.dir} (its start may have been in a rotated file that was deleted)`, 2);
  return walk.stopped || warn(`recording ${rec} has no stop event yet: still logging, or its end was lost`), { ...walk, set: walk.set };
}
function showCommand() {
  return whereOptions(new RecordingCommand("show")).description("print one recording whole: its start, every line of its pane up to its stop, its events").argument("<rec>", "the recording id (rec=... in the start event, and in the message when logging starts)").option("--session <name>", "look only in this session's log").option("--text", "only what the pane printed, as it printed it (no stamps, no events)").option("--commands", "only the commands its integrated shells ran, each with its exit status and duration").option("--json", 'with --commands: one JSON object per command (kind "command")').addHelpText(
    "after",
    `
Example:
  $ tmux-audit show V1StGXR8_Z
  2026-11-24T23:01:02.120+01:00 ann deploy:1.0 * start rec=V1StGXR8_Z by=ann pane=%3 pid=4242 file=...
  2026-11-24T23:01:04.871+01:00 ann deploy:1.0 | ann@web1:~$ ls /srv
  2026-11-24T23:01:04.873+01:00 ann deploy:1.0 | app  backups  releases
  2026-11-24T23:01:15.530+01:00 ann deploy:1.0 * stop rec=V1StGXR8_Z reason=toggle by=ann`
  ).action((rec, options) => {
    let out = new Output();
    if (options.json && !options.commands) throw new AuditError("--json goes with --commands", 2);
    if (options.commands) {
      let pairs2 = new CommandPairs();
      eachLineOf(location(options), rec, options.session, (line3) => pairs2.add(line3));
      for (let row of pairs2.rows) out.write(options.json ? `${JSON.stringify(commandJson(row))}
` : `${commandLine(row)}
`);
      out.flush();
      return;
    }
    let open2 = !1;
    eachLineOf(location(options), rec, options.session, (line3, log) => {
      if (!options.text) return out.write(`${log}
`);
      if (line3.kind === "event") return !0;
      let text2 = line3.kind === "piece" && open2 ? line3.text : `${open2 ? `
` : ""}${line3.text}`;
      return open2 = !0, out.write(text2);
    }), open2 && out.write(`
`), out.flush();
  });
}

// src/commands/tail.ts
var import_node_fs41 = __nodeBuiltin(require("node:fs")), import_node_path35 = __nodeBuiltin(require("node:path"));

// src/read/follow.ts
var import_node_fs40 = __nodeBuiltin(require("node:fs")), import_node_path34 = __nodeBuiltin(require("node:path")), import_promises = require("node:timers/promises");
var POLL_MS = 100, DRAIN_MS = 2e3;
function tailOf(fd, size2, count) {
  let newlines = [], window = Buffer.allocUnsafe(65536);
  for (let from = size2; from > 0 && newlines.length <= count; ) {
    let take2 = Math.min(window.length, from);
    from -= take2;
    let read2 = import_node_fs40.default.readSync(fd, window, 0, take2, from);
    for (let at = read2; newlines.length <= count; ) {
      let newline = at > 0 ? window.subarray(0, at).lastIndexOf(10) : -1;
      if (newline < 0) break;
      newlines.push(from + newline), at = newline;
    }
  }
  if (newlines.length === 0) return { start: 0, end: 0, lines: 0 };
  let end = newlines[0] + 1;
  return newlines.length > count ? { start: newlines[count] + 1, end, lines: count } : { start: 0, end, lines: newlines.length };
}
function lastLines(files, count, write, live, cut2) {
  let ranges = [];
  try {
    let wanted = count;
    for (let i = files.length - 1; i >= 0 && wanted > 0; i--) {
      let own = live?.path === files[i] ? void 0 : openLog(files[i]), fd = own ?? (live?.path === files[i] ? live.fd : void 0);
      if (fd === void 0) continue;
      let { start: start2, end, lines } = tailOf(fd, live?.path === files[i] ? live.size : import_node_fs40.default.fstatSync(fd).size, wanted);
      ranges.unshift({ file: files[i], fd, own: own !== void 0, start: start2, end }), wanted -= lines;
    }
    for (let range of ranges)
      range.end <= range.start || forEachPiece(
        range.fd,
        (buffer, end) => write(Buffer.from(buffer.subarray(0, end))),
        range.start,
        range.end,
        (offset) => cut2?.(range.file, offset)
      );
  } finally {
    for (let range of ranges) range.own && import_node_fs40.default.closeSync(range.fd);
  }
}
function statOf(file) {
  try {
    return import_node_fs40.default.statSync(file);
  } catch {
    return;
  }
}
function readNew(reading, write, final = !1, truncated) {
  import_node_fs40.default.fstatSync(reading.fd).size < reading.position && (truncated?.(), reading.position = 0, reading.partial = [], reading.partialBytes = 0, reading.skipping = !1);
  let buffer = Buffer.allocUnsafe(256 * 1024);
  for (; ; ) {
    let read2 = import_node_fs40.default.readSync(reading.fd, buffer, 0, buffer.length, reading.position);
    if (read2 === 0) break;
    reading.position += read2;
    let piece = buffer.subarray(0, read2);
    if (reading.skipping) {
      let newline = piece.indexOf(10);
      if (newline < 0) continue;
      reading.skipping = !1, piece = piece.subarray(newline + 1);
    }
    let end = piece.lastIndexOf(10) + 1;
    end > 0 && (write(reading.partialBytes > 0 ? Buffer.concat([...reading.partial, piece.subarray(0, end)]) : Buffer.from(piece.subarray(0, end))), reading.partial = [], reading.partialBytes = 0), end < piece.length && (reading.partial.push(Buffer.from(piece.subarray(end))), reading.partialBytes += piece.length - end, reading.partialBytes > MAX_LINE && (writePartial(reading, write, MAX_LINE), reading.skipping = !0));
  }
  final && writePartial(reading, write);
}
function writePartial(reading, write, most = reading.partialBytes) {
  reading.partialBytes !== 0 && (write(Buffer.concat([Buffer.concat(reading.partial).subarray(0, most), Buffer.from(`
`)])), reading.partial = [], reading.partialBytes = 0);
}
function open(file, position) {
  let fd = openLog(file);
  if (fd !== void 0)
    return { fd, ino: import_node_fs40.default.fstatSync(fd).ino, position, partial: [], partialBytes: 0 };
}
function rotatedSince(live, ino) {
  let dir = import_node_path34.default.dirname(live), rotated = rotatedFiles(import_node_fs40.default.readdirSync(dir), import_node_path34.default.basename(live)).map((name) => import_node_path34.default.join(dir, name)), mine = rotated.findIndex((file) => statOf(file)?.ino === ino);
  return mine < 0 ? [] : rotated.slice(mine + 1);
}
async function follow(options) {
  let { live, write, signal } = options, current = options.start ? { fd: options.start.fd, ino: import_node_fs40.default.fstatSync(options.start.fd).ino, position: options.start.from, partial: [], partialBytes: 0 } : open(live, 0), draining = [];
  try {
    for (; !signal?.aborted; ) {
      current && readNew(current, write, !1, () => options.truncated?.(live));
      for (let old of [...draining])
        readNew(old, write), Date.now() >= old.until && (readNew(old, write, !0), import_node_fs40.default.closeSync(old.fd), draining.splice(draining.indexOf(old), 1));
      let now = statOf(live);
      if (now && (!current || now.ino !== current.ino)) {
        if (current) {
          readNew(current, write), current.until = Date.now() + DRAIN_MS, draining.push(current);
          for (let file of rotatedSince(live, current.ino)) {
            let between = open(file, 0);
            between && (readNew(between, write), between.until = Date.now() + DRAIN_MS, draining.push(between));
          }
        }
        current = void 0, current = open(live, 0);
        continue;
      }
      try {
        await (0, import_promises.setTimeout)(POLL_MS, void 0, { signal });
      } catch {
        break;
      }
    }
  } finally {
    for (let reading of [...draining, ...current ? [current] : []]) {
      try {
        readNew(reading, write, reading !== current);
      } catch {
      }
      import_node_fs40.default.closeSync(reading.fd);
    }
  }
}

// src/commands/tail.ts
function chooseLog(where, session, env) {
  let sets = listLogs(where.dir);
  if (session !== void 0) {
    let chosen = selectSessions(sets, session, where.dir);
    if (chosen.length > 1) throw new AuditError(`session '${session}' has logs from several tmux servers (${chosen.map(setName).join(", ")}): name one as name@server`, 2);
    return chosen[0];
  }
  if (env.TMUX)
    try {
      let [name = "", socket = ""] = new Tmux().run(["display-message", "-p", `#{session_name}${FIELD_SEPARATOR}#{socket_path}`]).replace(/\n$/, "").split(FIELD_SEPARATOR), live = import_node_path35.default.basename(sessionLogPath(where.dir, name, socket)), set = sets.find((candidate) => candidate.live === live);
      if (set) return set;
      throw new AuditError(`no log of the current session '${name}' in ${where.dir} (start logging with the key, or name one with --session)`, 2);
    } catch (error) {
      if (error instanceof AuditError && error.exitCode === 2) throw error;
    }
  let latest;
  for (let set of sets) {
    let file = set.files[set.files.length - 1], mtime = file ? import_node_fs41.default.statSync(file.path, { throwIfNoEntry: !1 })?.mtimeMs ?? 0 : 0;
    (!latest || mtime > latest.mtime) && (latest = { set, mtime });
  }
  if (!latest) throw new AuditError(`no session logs in ${where.dir}`, 2);
  return latest.set;
}
function tailCommand() {
  return whereOptions(new Command("tail")).description("print the last lines of a session's log; with -f, follow it as it grows, across rotations").option("-f, --follow", "keep printing lines as they are written (Ctrl-C ends)").option("-n, --lines <n>", "how many lines to print first", "10").option("--session <name>", "the session (name, or name@server; default: the current tmux session, else the log written last)").addHelpText(
    "after",
    `
Examples:
  $ tmux-audit tail -f --session deploy
  $ tmux-audit tail -n 100 --session deploy@work | grep ' \\* '`
  ).action((options) => {
    if (!/^\d+$/.test(options.lines)) throw new AuditError(`-n takes a number of lines, not '${options.lines}'`, 2);
    let where = location(options), set = chooseLog(where, options.session, process.env), livePath = import_node_path35.default.join(set.dir, set.live), fd = openLog(livePath), size2 = fd === void 0 ? 0 : import_node_fs41.default.fstatSync(fd).size, out = new Output(), cut2 = !1;
    if (lastLines(set.files.map((file) => file.path), Number(options.lines), (bytes) => out.write(bytes), fd === void 0 ? void 0 : { path: livePath, fd, size: size2 }, (file, offset) => {
      cut2 || (cut2 = !0, out.flush(), warn(`${file}: a line longer than ${MAX_LINE >> 20} MiB at byte ${offset} (not one the writer writes): printed cut to its first ${MAX_LINE >> 20} MiB`));
    }), out.flush(), !options.follow) {
      fd !== void 0 && import_node_fs41.default.closeSync(fd);
      return;
    }
    let stop2 = new AbortController();
    for (let signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => stop2.abort());
    let start2 = fd === void 0 ? void 0 : { fd, from: tailOf(fd, size2, 0).end };
    settle(
      follow({
        live: livePath,
        start: start2,
        signal: stop2.signal,
        // Said, not hidden: lines were removed from the log while it was followed (verify tells which).
        truncated: (file) => {
          out.flush(), warn(`${file} was truncated while followed: read again from its start`);
        },
        write: (bytes) => {
          out.write(bytes), out.flush(), out.closed && stop2.abort();
        }
      })
    );
  });
}

// src/commands/export.ts
var import_node_fs43 = __nodeBuiltin(require("node:fs"));

// src/read/asciicast.ts
var DEFAULT_WIDTH = 80, DEFAULT_HEIGHT = 24, ENTER_ALTERNATE = "\x1B[?1049h", LEAVE_ALTERNATE = "\x1B[?1049l", CLEAR = "\x1B[H\x1B[2J", CastBuilder = class {
  origin;
  lastTime = 0;
  /** A printed line not yet ended: pieces of a long line may follow. */
  pending;
  rowsLeft = 0;
  firstRow = !1;
  alternate = !1;
  /** The time of the first line seen (epoch ms), once there is one. */
  get startMs() {
    return this.origin;
  }
  /** The events `line` adds (possibly none). */
  add(line3) {
    let events = [], time = this.seconds(line3.ms);
    if (line3.kind === "piece" && this.pending)
      return this.pending.text += escapeText(line3.text), events;
    switch (this.flush(events), line3.kind) {
      case "line":
      case "piece":
      case "redrawn":
        this.pending = { time, text: escapeText(line3.text) };
        break;
      case "screen":
        this.rowsLeft > 0 && (this.rowsLeft--, events.push([time, "o", `${this.firstRow ? "" : `\r
`}${escapeText(line3.text)}`]), this.firstRow = !1);
        break;
      case "event":
        this.rowsLeft = 0, line3.text === "screen" ? this.screen(line3, time, events) : line3.text === "stop" && this.alternate && (this.alternate = !1, events.push([time, "o", LEAVE_ALTERNATE]));
        break;
    }
    return events;
  }
  /** The events still held back (a last line), at the end of the recording. */
  finish() {
    let events = [];
    return this.flush(events), this.alternate && (this.alternate = !1, events.push([this.lastTime, "o", LEAVE_ALTERNATE])), events;
  }
  screen(line3, time, events) {
    let state = line3.fields?.state;
    if (state === "enter")
      this.alternate = !0, events.push([time, "o", `${ENTER_ALTERNATE}${CLEAR}`]);
    else if (state === "leave")
      this.alternate && events.push([time, "o", LEAVE_ALTERNATE]), this.alternate = !1;
    else if (state === "snapshot") {
      if (line3.fields?.screen === "normal" || !this.alternate) {
        this.rowsLeft = 0;
        return;
      }
      this.rowsLeft = Number(line3.fields?.rows ?? 0) || 0, this.firstRow = !0, events.push([time, "o", CLEAR]);
    }
  }
  flush(events) {
    this.pending && (events.push([this.pending.time, "o", `${this.pending.text}\r
`]), this.pending = void 0);
  }
  /** Seconds since the first line, never going back (stamps of other writers may be a little out of order). */
  seconds(ms) {
    if (!Number.isFinite(ms)) return this.lastTime;
    this.origin === void 0 && (this.origin = ms);
    let seconds = Math.max(this.lastTime, Math.round(ms - this.origin) / 1e3);
    return this.lastTime = seconds, seconds;
  }
};
function castHeader(options) {
  let header = { version: 2, width: options.width ?? DEFAULT_WIDTH, height: options.height ?? DEFAULT_HEIGHT };
  return options.startMs !== void 0 && Number.isFinite(options.startMs) && (header.timestamp = Math.floor(options.startMs / 1e3)), options.title && (header.title = options.title), options.idleTimeLimit !== void 0 && (header.idle_time_limit = options.idleTimeLimit), header;
}
function castLine(item) {
  return `${JSON.stringify(item)}
`;
}
function castTitle(start2) {
  let by = start2.fields?.by;
  return `${start2.session}:${start2.window}.${start2.pane} rec=${start2.fields?.rec ?? ""}${by ? ` by=${by}` : ""}`;
}

// src/read/rawcast.ts
var import_node_fs42 = __nodeBuiltin(require("node:fs")), import_node_path36 = __nodeBuiltin(require("node:path"));
function rawCastParts(sets, rec) {
  for (let set of sets) {
    let live = castPath(import_node_path36.default.join(set.dir, set.live), rec), name = import_node_path36.default.basename(live), names;
    try {
      names = import_node_fs42.default.readdirSync(set.dir);
    } catch {
      continue;
    }
    let parts = [...rotatedFiles(names, name), ...names.includes(name) ? [name] : []].map((part) => import_node_path36.default.join(set.dir, part));
    if (parts.length > 0) return parts;
  }
}
function rawCastHeader(firstLine) {
  try {
    let header = JSON.parse(firstLine);
    if (typeof header == "object" && header !== null && !Array.isArray(header) && header.version === 2) return header;
  } catch {
  }
}
function writeRawCast(parts, idleTimeLimit, write) {
  let header = !0, stopped = !1, marks = new MarkStripper(), lastTime = 0, event = (line3) => {
    if (line3.charCodeAt(0) !== 91) return !0;
    let parsed;
    try {
      parsed = JSON.parse(line3);
    } catch {
      return !0;
    }
    if (!Array.isArray(parsed) || typeof parsed[0] != "number" || typeof parsed[2] != "string") return !0;
    if (lastTime = parsed[0], parsed[1] === "r") {
      let size2 = parseCastSize(parsed[2]);
      return size2 === void 0 || write(castResizeLine(parsed[0], size2.columns, size2.rows));
    }
    if (parsed[1] !== "o") return write(`${escapeText(JSON.stringify(parsed))}
`);
    let text2 = marks.push(Buffer.from(parsed[2], "utf8")).toString("utf8");
    return text2 === "" || write(castEventLine(parsed[0], text2));
  };
  for (let part of parts) {
    if (stopped) break;
    let fd = openLog(part);
    if (fd !== void 0)
      try {
        let take2 = (line3) => {
          if (!header) return event(line3);
          let parsed = rawCastHeader(line3);
          return parsed ? (header = !1, idleTimeLimit !== void 0 && (parsed.idle_time_limit = idleTimeLimit), write(`${escapeText(JSON.stringify(parsed))}
`)) : !1;
        };
        forEachPiece(fd, (buffer, end) => {
          let start2 = 0, piece = buffer.subarray(0, end);
          for (let newline = piece.indexOf(10); newline >= 0; newline = piece.indexOf(10, start2)) {
            let line3 = buffer.toString("utf8", start2, newline);
            if (start2 = newline + 1, !take2(line3))
              return stopped = !0, !1;
          }
          return !0;
        });
      } finally {
        import_node_fs42.default.closeSync(fd);
      }
  }
  let rest = marks.end();
  return !stopped && !header && rest.length > 0 && write(castEventLine(lastTime, rest.toString("utf8"))), !header;
}

// src/commands/export.ts
function idleLimit(text2) {
  if (text2 === void 0) return;
  let seconds = Number(text2);
  if (!(seconds > 0)) throw new AuditError(`--max-idle takes seconds above 0, not '${text2}'`, 2);
  return seconds;
}
function castSourceNote(source, rec) {
  return source === "raw" ? `tmux-audit: recording ${rec} from its raw stream (@audit-cast): it replays the escape sequences as printed (titles, clipboard writes included)
` : `tmux-audit: recording ${rec} from the log's lines (no raw stream kept), controls escaped
`;
}
function writeCast(where, rec, session, idleTimeLimit, write) {
  let raw = rawCastParts(logsOf(where, session), rec);
  if (raw && writeRawCast(raw, idleTimeLimit, write)) return "raw";
  let builder = new CastBuilder(), started = !1, emit = (events) => events.every((event) => write(castLine(event)));
  return eachLineOf(where, rec, session, (line3) => {
    if (!started) {
      started = !0;
      let events = builder.add(line3);
      return write(castLine(castHeader({ startMs: builder.startMs, title: castTitle(line3), idleTimeLimit }))) ? emit(events) : !1;
    }
    return emit(builder.add(line3));
  }), emit(builder.finish()), "lines";
}
function exportCommand() {
  return whereOptions(new RecordingCommand("export")).description("write one recording in another format: --asciicast (asciicast v2, for asciinema)").argument("<rec>", "the recording id").option("--asciicast", "asciicast v2: the raw stream kept with @audit-cast on, else its lines replayed with their timing, each followed by \\r\\n").option("-o, --output <file>", "write to this file (created 0600) instead of stdout").option("--max-idle <seconds>", "tell players to shorten pauses longer than this (idle_time_limit)").option("--session <name>", "look only in this session's log").addHelpText(
    "after",
    `
Example:
  $ tmux-audit export V1StGXR8_Z --asciicast -o deploy.cast
  $ asciinema play deploy.cast`
  ).action((rec, options) => {
    if (!options.asciicast) throw new AuditError("export needs a format: --asciicast", 2);
    let idle = idleLimit(options.maxIdle), where = location(options);
    if (options.output === void 0) {
      let out = new Output(), source = writeCast(where, rec, options.session, idle, (line3) => out.write(line3));
      out.flush(), process.stderr.write(castSourceNote(source, rec));
      return;
    }
    let fd;
    try {
      fd = import_node_fs43.default.openSync(options.output, import_node_fs43.default.constants.O_WRONLY | import_node_fs43.default.constants.O_CREAT | import_node_fs43.default.constants.O_EXCL | import_node_fs43.default.constants.O_NOFOLLOW, 384), import_node_fs43.default.fchmodSync(fd, 384);
    } catch (error) {
      throw error.code === "EEXIST" ? new AuditError(`${options.output} already exists: export writes a new file only (remove it, or choose another name)`, 2) : new AuditError(`cannot write ${options.output}: ${error.code ?? error.message}`, 2);
    }
    try {
      let pending = "", source = writeCast(where, rec, options.session, idle, (line3) => (pending += line3, pending.length >= 65536 && (import_node_fs43.default.writeSync(fd, pending), pending = ""), !0));
      import_node_fs43.default.writeSync(fd, pending), process.stderr.write(castSourceNote(source, rec));
    } finally {
      import_node_fs43.default.closeSync(fd);
    }
  });
}

// src/commands/replay.ts
var import_promises2 = require("node:timers/promises");
function schedule(events, speed, maxIdle) {
  let previous = 0, clock = 0;
  return events.map(([seconds]) => {
    let gap = Math.max(0, seconds - previous);
    return previous = seconds, maxIdle !== void 0 && (gap = Math.min(gap, maxIdle)), clock += gap / speed, Math.round(clock * 1e3);
  });
}
async function play(events, due, signal) {
  let out = new Output(!0), alternate = !1, start2 = Date.now();
  try {
    for (let i = 0; i < events.length && !signal.aborted && !out.closed; i++) {
      let wait = start2 + due[i] - Date.now();
      if (wait > 0)
        try {
          await (0, import_promises2.setTimeout)(wait, void 0, { signal });
        } catch {
          break;
        }
      let text2 = events[i][2];
      text2.includes("\x1B[?1049h") && (alternate = !0), text2.includes("\x1B[?1049l") && (alternate = !1), out.write(text2), out.flush();
    }
  } finally {
    alternate && out.write("\x1B[?1049l"), out.flush();
  }
}
function replayCommand() {
  return whereOptions(new RecordingCommand("replay")).description("play one recording in the terminal with its timing").argument("<rec>", "the recording id").option("--speed <factor>", "play faster (2) or slower (0.5)", "1").option("--max-idle <seconds>", "cut pauses longer than this").option("--session <name>", "look only in this session's log").addHelpText(
    "after",
    `
Example:
  $ tmux-audit replay V1StGXR8_Z --speed 2 --max-idle 1`
  ).action((rec, options) => {
    let speed = Number(options.speed);
    if (!(speed > 0)) throw new AuditError(`--speed takes a factor above 0, not '${options.speed}'`, 2);
    let maxIdle = idleLimit(options.maxIdle), builder = new CastBuilder(), events = [];
    eachLineOf(location(options), rec, options.session, (line3) => {
      events.push(...builder.add(line3));
    }), events.push(...builder.finish());
    let stop2 = new AbortController();
    for (let signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.once(signal, () => stop2.abort());
    settle(play(events, schedule(events, speed, maxIdle), stop2.signal));
  });
}

// src/cli.ts
var reportTo = "auto";
function toTmux() {
  return reportTo === "auto" ? !!process.env.TMUX && !process.env.TMUX_PANE : reportTo === "tmux";
}
function report(lines, version, error) {
  if (lines.length !== 0) {
    if (toTmux())
      try {
        new Tmux().message(`tmux-audit: ${lines.join(" \xB7 ")}`, { version, error });
        return;
      } catch {
        if (reportTo === "tmux") return;
      }
    (error ? process.stderr : process.stdout).write(`${lines.map((line3) => `tmux-audit: ${line3}`).join(`
`)}
`);
  }
}
function paneCommand(name, description, action) {
  return new Command(name).description(description).option("-t, --pane <pane>", "target pane (default: the pane this runs in)", "").option("--client <name>", "the client that pressed the key (#{client_name}); its user is asked of tmux", "").option("--client-user <user>", "ignored (older key bindings): who asked is taken from tmux, not from an argument", "").action((options) => {
    let outcome = action(new Tmux(), { pane: options.pane, client: options.client || void 0 });
    report(outcome.messages, outcome.version, !1);
  });
}
var program2 = new Command("tmux-audit").description("Stamped, rotated logs of what tmux panes print").version("0.1.0").option("--report <where>", "where messages go: tmux (message line), terminal, or auto", "auto").hook("preAction", (command) => {
  let where = command.opts().report;
  if (where !== "auto" && where !== "tmux" && where !== "terminal") throw new AuditError(`--report takes tmux, terminal or auto, not '${where}'`, 2);
  reportTo = where;
}).exitOverride().configureOutput({ writeErr: () => {
} }).addCommand(paneCommand("toggle", "start logging the pane, or stop it if it is logged", toggleLogging)).addCommand(paneCommand("start", "start logging the pane", startLogging)).addCommand(paneCommand("stop", "stop logging the pane", stopLogging)).addCommand(paneCommand("save-history", "save the pane's complete history, cleaned, to a file beside the logs", saveHistory)).addCommand(paneCommand("status", "say whether the pane is logged, where to, and by whom", describeLogging)).addCommand(
  new Command("pipe").description("read output from stdin into a log: a pane's (what pipe-pane runs), or any program's with --file").argument("[run-file]", "the recording written by start").option("--file <path>", "without a run file: the log to append to").option("--session <name>", "with --file: the session name to stamp", "pipe").option("--time-format <format>", "with --file: date-fns format of the stamp", "").option("--max-size <size>", "with --file: rotate past this size", "").option("--max-files <n>", "with --file: rotated files to keep", "").option("--no-redact", "with --file: keep secrets as they are (see @audit-redact)").option("--syslog <url>", "with --file: also forward to syslog (see @audit-syslog)", "").option("--syslog-facility <name>", "with --file: the facility (see @audit-syslog-facility)", "").action((runFile, options) => {
    if (runFile) {
      let recording2 = readRecording(runFile);
      if (recording2.socket) {
        let { older, newer } = readersByAge(runFile, recording2.socket, recording2.paneId);
        if (newer.length > 0) return removeRunFiles(runFile, recording2.id);
        waitForReaders(older);
      }
      return runPipe(recording2, runFile);
    }
    if (!options.file) throw new AuditError("pipe needs a run file or --file <path>", 2);
    let { recording, warnings } = filterRecording(
      { ...options, file: options.file },
      { id: nanoid(10), username: import_node_os10.default.userInfo().username, env: process.env, cwd: process.cwd() }
    );
    return warnings.length > 0 && report(warnings, "", !0), runPipe(recording);
  })
).addCommand(
  new Command("died").description("stop the recording of a pane whose program exited under remain-on-exit (what the pane-died hook runs)").requiredOption("--pane <pane>", "the pane that died (#{hook_pane})").option("--status <status>", "its exit status (#{pane_dead_status})", "").action((options) => {
    let outcome = paneDied(new Tmux(), options.pane, options.status);
    report(outcome.messages, outcome.version, !1);
  })
).addCommand(
  new Command("sweep").description("close recordings whose reader is gone without a stop event (run when the plugin loads, and when a logged pane comes into view)").option("--pane <pane>", "only this pane").action((options) => {
    let outcome = sweepLost(new Tmux(), options.pane);
    report(outcome.messages, outcome.version, !1);
  })
).addCommand(
  new Command("auto-hooks").description("set the auto-start hooks if @audit-auto is on, remove them if not (run when the plugin loads)").requiredOption("--index <n>", "the hooks' fixed index").action((options) => {
    let outcome = setAutoHooks(new Tmux(), Number(options.index));
    report(outcome.messages, outcome.version, !1);
  })
).addCommand(
  new Command("auto-start").description("start logging every pane that is not logged and was not stopped by hand (run when the plugin loads with @audit-auto on)").action(() => {
    let outcome = startAllPanes(new Tmux());
    report(outcome.messages, outcome.version, !0);
  })
).addCommand(
  new Command("pipe-auto").description("read a new pane's output from its first byte (what an auto-start hook's pipe-pane runs)").requiredOption("--socket <path>", "the tmux server's socket").requiredOption("--pane <pane>", "the new pane (#{pane_id})").option("--respawned", "the pane was respawned (the re-arm loop): what it already shows is logged as history").action((options) => runAutoReader(options.socket, options.pane, options.respawned))
).addCommand(
  new Command("recover-pane").description("close the recording of an auto-started pane whose reader died (what an auto pipe runs after it)").requiredOption("--socket <path>", "the tmux server's socket").requiredOption("--pane <pane>", "the pane").argument("<status>", "the reader's exit status").action((status, options) => recoverPane(options.socket, options.pane, Number(status)))
).addCommand(
  new Command("client").description("record a client coming to or leaving a session in its logs (what the client-session-changed and client-detached hooks run)").requiredOption("--what <what>", "session (the client is now in a session) or detach").requiredOption("--client <name>", "the client (#{hook_client})").option("--recordings <ids>", "detach: the recordings there were as the hook ran, separated by spaces; only they are told").action((options) => {
    if (options.what !== "session" && options.what !== "detach") throw new AuditError(`--what takes session or detach, not '${options.what}'`, 2);
    let recordings = options.recordings === void 0 ? void 0 : new Set(options.recordings.split(" ").filter(Boolean)), outcome = noteClient(new Tmux(), options.what, options.client, recordings);
    report(outcome.messages, outcome.version, !1);
  })
).addCommand(
  new Command("window-renamed").description("record a window rename in the recordings of its panes (what the window-renamed hook runs)").requiredOption("--window <window>", "the renamed window (#{hook_window})").action((options) => {
    let outcome = noteWindowRename(new Tmux(), options.window);
    report(outcome.messages, outcome.version, !1);
  })
).addCommand(
  new Command("renamed").description("record a session rename in its recordings (what the session-renamed hook runs)").requiredOption("--session <session>", "the renamed session (#{hook_session})").action((options) => {
    let outcome = noteRename(new Tmux(), options.session);
    report(outcome.messages, outcome.version, !1);
  })
).addCommand(
  new Command("recover").description("close the recording of a reader that died (what pipe-pane runs after it)").argument("<run-file>", "the recording written by start").argument("<status>", "the reader's exit status").action((runFile, status) => recoverReader(runFile, Number(status)))
).addCommand(
  new Command("status-format").description("print the tmux format that replaces #{audit_status}").option("--on <format>", "shown while the current pane is logged", "").option("--off <format>", "shown while it is not", "").option("--stalled <format>", "shown while it is logged but its reader has not reported for a while", "").action((options) => {
    process.stdout.write(`${statusSegment(options.on || DEFAULT_STATUS_ON, options.off || DEFAULT_STATUS_OFF, options.stalled || DEFAULT_STATUS_STALLED)}
`);
  })
).addCommand(lsCommand()).addCommand(verifyCommand()).addCommand(grepCommand()).addCommand(showCommand()).addCommand(tailCommand()).addCommand(exportCommand()).addCommand(replayCommand());
for (let command of program2.commands) command.exitOverride().configureOutput({ writeErr: () => {
} });
function runCli(argv) {
  try {
    program2.parse(argv);
  } catch (error) {
    error instanceof CommanderError && (error.exitCode === 0 && process.exit(0), report([error.message.replace(/^error: /, "")], "", !0), exitAfterError(2)), error instanceof AuditError && (report([error.message], "", !0), exitAfterError(error.exitCode)), report([`unexpected failure: ${error.stack ?? String(error)}`], "", !0), exitAfterError(1);
  }
}
function exitAfterError(code) {
  process.exit(toTmux() ? 0 : code);
}

// src/main.ts
runCli(process.argv);
